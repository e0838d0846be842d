import Foundation

/// The word lists the similarity ships with, written by hand for this product (see README,
/// "Constellations"): everyday Korean and English words for the things people worry about.
///
/// Each line is `lemma: variant variant …`. The lemma names the word (it is what a
/// constellation is called), and every variant — the lemma itself included — is a form the
/// ending stripper can leave behind: a noun ("회사"), a verb or adjective stem as it appears
/// before common endings ("힘들", "힘드", "아파", "아프"), a spoken contraction ("못자").
/// English variants are stemmed the same way as the worries' words when the lists are read.
///
/// The lists were written from general knowledge of how people write about their worries —
/// not from the evaluation set — and then only grown where a word of the development half
/// of that set was plainly missing (the held-out half was never used to edit them).
enum WorryLexiconData {
    /// Topics a worry can be about, each with its words. A topic is what gathers "회사",
    /// "출근" and "팀장" into one constellation.
    static let concepts: [(key: String, words: String)] = [
        (
            "work",
            """
            회사: 회사 회삿 직장 사무실 회사일 직장생활 회사생활
            출근: 출근 출근길 출근하
            퇴근: 퇴근 퇴근길
            야근: 야근 특근 철야 주말출근
            상사: 상사 부장 부장님 과장 차장 대리 사장 사장님 실장 본부장 상무 이사님 윗사람
            팀장: 팀장 팀장님 파트장
            동료: 동료 직원 사수 부하 신입사원 입사동기
            일: 일 일하 업무 일거리 일이
            회의: 회의 미팅
            보고서: 보고서 기획서
            마감: 마감 데드라인 납기
            프로젝트: 프로젝트
            퇴사: 퇴사 사표 사직 그만두 그만둘 그만뒀 관두 관둘
            해고: 해고 잘리 잘렸 잘릴 짤리 짤렸 권고사직
            이직: 이직 전직
            알바: 알바 아르바이트 편의점알바
            손님: 손님 고객 진상
            승진: 승진 인사평가 평가 실적 성과
            월요일: 월요일 월요병
            직장인: 직장인 회사원
            work: work worked working workplace
            job: job jobs
            boss: boss manager supervisor
            office: office
            coworker: coworker coworkers colleague colleagues
            deadline: deadline deadlines
            meeting: meeting meetings
            shift: shift shifts overtime
            quit: quit quitting resign
            fired: fired layoff layoffs laid
            monday: monday mondays
            promotion: promotion
            client: client clients customer customers
            """
        ),
        (
            "study",
            """
            시험: 시험 시험공부 고사 중간고사 기말고사 중간 기말 모의고사 쪽지시험 재시험 시험기간
            수능: 수능 수능시험 모고
            공부: 공부 공부하 복습 예습 벼락치기
            과제: 과제 숙제 레포트 리포트 팀플 발제
            성적: 성적 학점 점수 등급 내신 성적표 평점
            학교: 학교 학교생활 등교 학년 학기 전학
            학원: 학원 과외 인강
            대학: 대학 대학교 대학원 입시 편입 재수 삼수 수시 정시
            수업: 수업 강의 교수 교수님 출석
            논문: 논문 졸업논문 졸논
            자격증: 자격증 토익 토플 어학 한국사
            전공: 전공 복수전공
            exam: exam exams test tests finals final midterm midterms quiz sat
            study: study studying studied
            school: school
            homework: homework assignment assignments essay essays
            grade: grade grades gpa
            class: class classes lecture professor
            college: college university
            thesis: thesis dissertation
            """
        ),
        (
            "sleep",
            """
            잠: 잠 잠이 자 잤 잠들 잠드 잠자 못자 못잤 수면 잠못 선잠
            불면증: 불면증 불면
            새벽: 새벽 밤새 밤샘 새벽세시 새벽네시 날밤 샜 새웠
            피곤: 피곤 피곤하 졸리 졸려 졸음 졸립
            악몽: 악몽 가위
            늦잠: 늦잠 알람 일어나 기상
            sleep: sleep sleeping slept sleepless
            insomnia: insomnia
            awake: awake asleep wake woke waking
            tired: tired exhausted sleepy
            nightmare: nightmare nightmares
            """
        ),
        (
            "love",
            """
            연애: 연애 연애하
            사랑: 사랑 사랑하
            남자친구: 남자친구 남친
            여자친구: 여자친구 여친
            애인: 애인 연인
            이별: 이별 헤어지 헤어져 헤어짐 헤어졌 헤어질 헤어진 차였
            짝사랑: 짝사랑 썸 썸남 썸녀 고백
            전애인: 전남친 전여친 전애인
            재회: 재회
            결혼: 결혼 결혼하 청혼 프러포즈 파혼
            소개팅: 소개팅 데이트 모쏠 연애세포
            권태기: 권태기 외도
            love: love loved lover
            boyfriend: boyfriend bf
            girlfriend: girlfriend gf
            crush: crush
            breakup: breakup dumped
            ex: ex
            dating: dating date dates
            relationship: relationship relationships
            partner: partner
            marry: marry married marriage wedding
            """
        ),
        (
            "family",
            """
            가족: 가족 가족들 집안 식구
            엄마: 엄마 어머니 어머님 모친 엄마랑
            아빠: 아빠 아버지 아버님 부친
            부모님: 부모님 부모
            동생: 동생 남동생 여동생
            언니: 언니
            누나: 누나
            오빠: 오빠
            형: 형
            형제: 형제 남매 자매
            할머니: 할머니 외할머니
            할아버지: 할아버지 외할아버지
            아이: 아이 아기 애기 애들
            아들: 아들
            딸: 딸
            자식: 자식
            육아: 육아
            남편: 남편
            아내: 아내 와이프 부인
            시댁: 시댁 시어머니 시부모님 처가 장모님 장인어른
            명절: 명절 추석 설날 제사
            친척: 친척 친척들
            family: family
            mom: mom mother mum
            dad: dad father
            parents: parents parent
            brother: brother brothers
            sister: sister sisters
            kids: kids kid child children baby
            son: son
            daughter: daughter
            husband: husband
            wife: wife
            grandma: grandma grandmother
            grandpa: grandpa grandfather
            relatives: relatives
            """
        ),
        (
            "money",
            """
            돈: 돈 돈이 돈벌 돈문제
            월급: 월급 연봉 급여 월급날
            대출: 대출 학자금 학자금대출 이자
            빚: 빚 빚더미 채무
            카드값: 카드값 카드 할부 카드빚
            생활비: 생활비 용돈 지출 가계부
            월세: 월세 전세 집세 보증금 관리비 전세금
            주식: 주식 코인 비트코인 투자 손실 마이너스
            통장: 통장 잔고 잔액 적금 저축 통장잔고
            등록금: 등록금
            세금: 세금 공과금 고지서 청구서
            가난: 가난 파산 물가
            money: money
            rent: rent
            debt: debt debts loan loans mortgage
            bills: bill bills
            broke: broke poor
            salary: salary paycheck wage wages pay
            savings: savings saving
            stock: stock stocks crypto invest investment
            tax: tax taxes
            budget: budget afford expensive
            """
        ),
        (
            "health",
            """
            건강: 건강 건강검진 건강하
            아프다: 아프 아파 아픔 아플
            병원: 병원 응급실 진료 입원 퇴원 외래
            병: 병 질병 병명
            감기: 감기 독감 코로나 기침 열 몸살
            두통: 두통 편두통 머리아 머리아파
            통증: 통증 허리 디스크 무릎 어깨 손목
            수술: 수술
            검사: 검사 검사결과 조직검사 진단
            암: 암 종양 혹
            약: 약 약먹 처방
            몸: 몸 몸이 몸상태 컨디션
            위염: 위염 장염 소화 배탈
            다이어트: 다이어트 살찌 살쪄 살쪘 살빼 살빠 쪄 쪘 찌 체중 몸무게 체중계 폭식
            어지럽다: 어지럽 어지러 어지러워 어지러운 현기증 빈혈
            피부: 피부 여드름 탈모 트러블
            sick: sick ill illness
            pain: pain painful hurt hurts ache aching
            doctor: doctor doctors hospital clinic
            headache: headache headaches migraine
            cancer: cancer tumor
            surgery: surgery operation
            health: health healthy
            fever: fever flu cold covid cough
            medicine: medicine meds pills
            diagnosis: diagnosis symptoms symptom biopsy
            weight: weight diet fat
            """
        ),
        (
            "lonely",
            """
            외롭다: 외롭 외로 외로워 외로우 외로움 외로운
            혼자: 혼자 혼자서 나혼자 혼밥 혼술
            쓸쓸: 쓸쓸 쓸쓸하
            고독: 고독 고독하
            외톨이: 외톨이 아싸 고립 소외 소외감
            공허: 공허 공허하 허전 허전하
            아무도: 아무도 아무한테도
            연락: 연락 연락처 연락올 연락할
            lonely: lonely loneliness lonesome
            alone: alone
            isolated: isolated isolation
            nobody: nobody noone
            empty: empty
            """
        ),
        (
            "future",
            """
            취업: 취업 취직 취준 취준생 구직 공채 채용
            면접: 면접 면접관
            자소서: 자소서 자기소개서 이력서 포트폴리오 서류 서류전형
            불합격: 불합격 탈락 떨어지 떨어졌 떨어질 떨어져 낙방
            합격: 합격 붙 붙었
            진로: 진로 적성
            미래: 미래 앞날 장래 노후
            꿈: 꿈
            졸업: 졸업 졸업하 졸업반
            스펙: 스펙
            공무원: 공무원 공시 공시생 임용 고시
            백수: 백수 무직 실업
            인턴: 인턴 인턴십
            나이: 나이 서른 마흔 삼십대 이십대
            인생: 인생 삶
            future: future life
            career: career careers
            interview: interview interviews
            resume: resume cv portfolio
            graduate: graduate graduation graduating
            unemployed: unemployed unemployment jobless
            internship: internship intern
            application: application applications apply applied
            rejected: rejected rejection rejections
            hired: hired hiring
            """
        ),
        (
            "friends",
            """
            친구: 친구 친구들 친구랑 절친 베프 단짝 동창
            우정: 우정
            싸움: 싸움 싸우 싸웠 싸워 다툼 다퉜 말다툼
            손절: 손절 절교 멀어지 멀어졌 멀어진
            인간관계: 인간관계 관계 대인관계
            무리: 무리 단톡 단톡방 단체방
            따돌림: 따돌림 왕따 은따 뒷담 뒷담화 험담
            동기: 동기 동기들 선배 후배
            모임: 모임 약속
            friend: friend friends bestie
            friendship: friendship
            fight: fight fought argument argued
            group: group groupchat
            betray: betray betrayed
            """
        ),
    ]

    /// How a worry feels rather than what it is about. Light in the similarity (everyone is
    /// tired of something), and a constellation's theme only when a worry says nothing else.
    static let feelings = """
        싫다: 싫 싫어 싫은 싫음 싫다 싫어하
        힘들다: 힘들 힘드 힘듦 힘듬 힘든
        걱정: 걱정 걱정되 걱정돼 염려
        불안: 불안 불안하 초조 긴장
        무섭다: 무섭 무서 무서워 무서운 두렵 두려 두려워 두려움 겁나 겁
        우울: 우울 우울하 우울증
        슬프다: 슬프 슬퍼 슬픔 슬픈
        짜증: 짜증 짜증나 빡치 열받
        화나다: 화나 화가 화남 분노
        답답: 답답 답답하 막막 막막하
        지치다: 지치 지쳐 지쳤 번아웃 지침
        스트레스: 스트레스
        속상: 속상 서럽 서운 섭섭
        괴롭다: 괴롭 괴로 괴로워 괴로움
        귀찮다: 귀찮 귀찮아
        후회: 후회 후회되
        억울: 억울 억울하
        울다: 울 울고 울었 눈물 울음
        죽겠다: 죽겠 미치겠 돌겠
        sad: sad sadness
        stress: stress stressed stressful
        anxious: anxious anxiety nervous worried worry worries
        scared: scared afraid fear scary
        depressed: depressed depression
        angry: angry mad annoyed
        hate: hate hates hated
        upset: upset
        overwhelmed: overwhelmed overwhelming
        cry: cry crying cried tears
        hard: hard difficult struggling struggle
        """

    /// Words that carry no topic: pronouns, adverbs of degree and time, auxiliaries. They are
    /// dropped before anything is compared.
    static let stopwords = """
        너무 진짜 정말 좀 조금 그냥 또 다 왜 어떻게 어떡하 어떡해 어떡 어쩌 어쩌지 어쩌나 나 내 저 제 난 전 내가 제가 나는 저는
        우리 오늘 내일 어제 모레 요즘 요새 이제 계속 자꾸 같 같아 같은 같다 것 거 게 수 때문 때문에 땜에 탓
        하 해 했 한 할 함 되 돼 됐 된 될 있 있어 없 않 안 못 싶 싶어 싶다 주 줘 보 봐 가 가기 가야 갈 오 와 말
        생각 모르 모르겠 몰라 좋 좋겠 많 많아 많이 이렇게 그렇게 저렇게 정도 지금 아직 벌써 항상 맨날 매일 늘 더
        제일 가장 잘 그 이 그거 이거 저거 뭐 뭘 뭔가 무슨 어떤 누가 언제 어디 하나 한번 다시 진심 완전 엄청 되게
        약간 혹시 근데 그래서 그리고 하지만 그런데 그래도 이번 다음 번 시간 사람 사람들 마음 느낌 기분 상황 문제 일단
        아 하아 에휴 휴 흑 헐 아휴 으 앞으로 요즘따라 오늘도 이번주 다음주 주말 밤 낮 아침 저녁 하루 하루종일 종일
        자기 자꾸만 일기 잠깐 잠시 그게 이게 저게 거기 여기 나도 너도 너 니 네 걔 얘 쟤 누구 모두 다들
        또다시 결국 그만 그저 제발 어쩔 도저히 정말로 진짜로 너무나 아무것도 아무거나 전혀 별로 굉장히 대체 도대체
        i i'm im me my mine myself you your yours the a an to of and or but in on at for with about is am are was were be
        been being it its this that these those so too very really just again still can cannot do does did doing not no
        have has had having will would should could what why how when where who which today tonight tomorrow yesterday all
        everything anything nothing something get gets got getting feel feels feeling felt like want wants need needs keep
        going go goes gone much more most some any there they them their he she him her his we us our from up out if than
        then one ever always anymore enough lot lots even thing things day days week time now still gonna wanna don won isn
        doesn didn couldn wouldn shouldn wasn aren haven ll ve re
        """

    /// Korean particles and verb endings the stripper removes from the end of a word, one at
    /// a time, longest match first ("회사에서도" → "회사에서" → "회사").
    static let endings = """
        은 는 이 가 을 를 도 만 에 에서 에게 에겐 한테 한텐 께 께서 의 와 과 랑 이랑 로 으로 부터 까지 처럼 보다 마다 조차 밖에
        이나 나 이라도 라도 이란 란 이라 라 이요 요 야 이야 아 여 님 들 이랑은 에서도 에서는 에는 한테도 까지도 만큼
        이다 다 이에요 예요 에요 입니다 습니다 니다 어요 아요 여요 해요 했어요 했어 했다 했는데 했지만 했고 해서 하고 하는 하는데 하기 하게
        하면 하니 하니까 하지 하지만 할까 할 한 함 해 해야 해야지 해야해 해야돼 해도 돼 돼요 됐어 됐다 되고 되는 되는데 되기 되면 될 된 됨 되서 돼서
        어 어서 아서 여서 고 서 면 으면 니까 으니까 는데 은데 지만 지 지요 죠 네 네요 나요 니 냐 까 을까 게 기 음 겠 겠어 겠다 겠어요 겠네
        었 았 었어 았어 었다 았다 었는데 았는데 었고 았고 었어요 았어요 잖아 잖아요 거든 거든요 던 더라 더니 도록 려고 으려고 러 자 자고
        고싶 고싶어 고싶다 고싶어요 싶어 싶다 싶어요 싶은 싶네 않아 않아요 않다 않고 않은 없어 없어요 없다 없는 없고 없네 같아 같아요 같다 같은 같네
        버렸 버렸어 버려 버렸다 져 졌 졌어 지고 지는 진 질 셨 시 세요 십니다 래 래요 대 대요 라고 다고 냐고 자고 면서 으면서 인데 인가 일까 인지
        """
}

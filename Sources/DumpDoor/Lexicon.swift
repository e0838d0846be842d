/// The verdict's words: small, curated, phrase-based lists in Korean and English.
///
/// Every entry is a `Term`: `.loose` (Korean, any spacing, the joined view) or `.word` (word
/// edges where the entry has spaces, the words view). Entries are written plainly; the text's
/// tricks (spacing, dots, repeated letters, leetspeak, full-width letters) are undone by
/// `MatchView`'s folding of both sides.
///
/// What is deliberately **not** here: swearing. `씨발`, `존나`, `개같은`, `fuck`, `fml`, `shit`,
/// and `병신` / `새끼` / `놈` without a group before them are how people speak of their own
/// lives, which is the point of the product: they stay `open`, shown as written.
enum Lexicon {
    // MARK: - Refused (recruiting, methods)

    /// Recruiting others to die, and asking for or describing ways to die.
    static let refusedPhrases: [Term] =
        [
            "같이죽을사람", "같이죽을분", "같이죽을친구", "같이죽으실분", "같이죽어줄", "같이죽을래",
            "함께죽을사람", "함께죽을분", "함께죽을친구", "함께죽으실분", "함께죽어줄",
            "같이자살할", "같이자살하실", "함께자살할", "함께자살하실", "같이뛰어내릴", "함께뛰어내릴",
            "동반자살할", "동반자살하실", "동반자살모집", "동반자살구해", "동반자살구함", "동반자살해요",
            "동반자살하자", "동반자살같이", "동반자살하실분", "자살할사람", "자살하실분", "자살할분",
            "자살모임", "자살동반자", "자살방법", "자살하는방법", "자살하는법", "자살할수있는방법",
            "죽는방법", "죽는법", "죽을수있는방법", "죽을수있는법", "고통없이죽", "안아프게죽",
            "편하게죽는", "편하게죽을", "쉽게죽는", "확실하게죽는", "치사량",
            "몇층에서뛰어내리면", "몇층이면죽", "뛰어내리면죽",
        ].map(Term.loose)
        + [
            " suicide pact", " die together", " kill ourselves together", " die with me",
            " who wants to die", " anyone want to die", " anyone wanna die",
            " how to kill myself", " how do i kill myself", " how can i kill myself",
            " how to commit suicide", " how to hang myself", " ways to kill myself", " way to kill myself",
            " best way to die", " easiest way to die", " quickest way to die", " painless way to die",
            " painless suicide", " how to die", " lethal dose", " how to overdose", " how to end my life",
            " suicide method", " ways to commit suicide",
        ].map(Term.word)

    /// A method named together with an instruction or intent cue: refused. A method word on its
    /// own is not (`수면제 없으면 잠을 못 자요`, `번개탄에 고기 구웠다`).
    struct MethodRule: Sendable {
        var methods: [Term]
        var cues: [Term]
        /// Most runs between the method and the cue, either way round.
        var window: Int

        init(_ methods: [String], _ cues: [String], window: Int = 14, words: Bool = false) {
            self.methods = methods.map(words ? Term.word : Term.loose)
            self.cues = cues.map(words ? Term.word : Term.loose)
            self.window = window
        }
    }

    /// Methods and the cues that make them instructions.
    static let methodRules: [MethodRule] = [
        MethodRule(
            ["번개탄"],
            ["피우는법", "피우는방법", "피우는거", "피워서", "피우고", "방법", "하는법", "어디서", "몇개", "자살", "죽"]),
        MethodRule(["연탄"], ["피워서죽", "피우고죽", "자살", "피우는방법", "죽는"]),
        MethodRule(
            ["수면제", "수면유도제", "졸피뎀", "타이레놀", "진통제", "신경안정제", "안정제", "약을"],
            [
                "몇알", "몇개먹", "먹으면죽", "먹고죽", "치사량", "얼마나먹어야", "얼마나먹으면", "한번에먹으면",
                "모아서먹", "과다복용하면", "털어넣",
            ]),
        MethodRule(["목매", "목을매", "목매달"], ["방법", "하는법", "는법", "매듭", "어디에"]),
        MethodRule(["뛰어내리", "투신"], ["몇층", "방법", "하는법", "어디가좋", "장소"]),
        MethodRule(
            ["농약", "제초제", "그라목손", "청산가리", "독극물", "살충제"],
            ["마시면", "먹으면", "마시고죽", "먹고죽", "치사량", "얼마나마셔", "얼마나먹어", "구하는법"]),
        MethodRule(["손목", "동맥"], ["긋는법", "긋는방법", "어떻게그어", "어디를그어", "얼마나깊이"]),
        MethodRule(["헬륨", "질소", "일산화탄소"], ["자살", "죽는", "죽으려", "방법"]),
        MethodRule(
            [
                " how many pills", " how many sleeping pills", " how many tablets", " how much tylenol",
                " how many painkillers",
            ],
            [" die", " dying", " kill", " dead", " death", " overdose", " lethal", " od "], window: 30, words: true),
    ]

    // MARK: - Care (self-harm, suicide intent)

    /// Words of self-harm or suicide intent. `죽겠다` after an adjective (`배고파 죽겠다`) is
    /// hyperbole and not here; `죽고 싶다` is intent. `자살` and `suicide` are care wherever they
    /// stand (news-like text too): the door errs on the side of care.
    static let carePhrases: [Term] =
        [
            "죽고싶", "죽고십", "죽고시퍼", "죽고시프", "죽고파", "죽구싶", "죽고만싶", "뒤지고싶", "뒤지고십",
            "디지고싶", "뒈지고싶", "죽어버리고싶", "죽어버리고파", "죽어버릴까", "죽는게낫", "죽는게나을",
            "죽는게나아", "죽는편이낫", "차라리죽", "그냥죽을래", "죽어야겠", "죽어야하나", "죽기로결심",
            "죽을생각", "죽을결심", "극단적선택", "극단적인선택", "극단선택", "사라지고싶", "사라지고파",
            "사라져버리고싶", "없어지고싶", "살기싫", "살기가싫", "살고싶지않", "살고싶지가않", "사는게싫",
            "살아야할이유", "살이유가없", "살아갈이유가없", "살아서뭐해", "살아서뭐하", "그만살고싶", "그만살래",
            "다끝내고싶", "모든걸끝내고싶", "모든것을끝내고싶", "전부끝내고싶", "인생끝내고싶", "인생을끝내",
            "삶을끝내", "삶을끝", "생을끝내", "생을마감", "목숨을끊", "목숨끊", "스스로목숨", "손목긋",
            "손목을긋", "손목그었", "손목을그었", "손목그을", "손목을그을", "뛰어내리고싶", "뛰어내릴까",
            "투신하고싶", "유서를쓰", "유서를썼", "유서써", "유서썼", "목매달고싶", "목매고싶", "목을매고싶",
            "세상을떠나고싶", "영원히잠들고싶",
        ].map(Term.loose)
        + [
            "자살", " 자해",
            " kill myself", " killing myself", " kill my self", " kms ", " suicid", " unalive", " sewerslide",
            " end it all", " end my life", " ending my life", " end my own life", " take my own life",
            " take my life", " dont want to live", " dont wanna live", " do not want to live",
            " dont want to be alive", " dont want to exist", " no reason to live", " want to die ",
            " wanna die ", " wish i was dead", " wish i were dead", " better off dead", " self harm",
            " selfharm", " cut myself", " cutting myself", " cut my wrist", " slit my wrist", " hang myself",
            " i should die", " should just die", " should just go die",
        ].map(Term.word)

    // MARK: - Hate (slurs, threats at people or groups)

    /// Slurs and threats on their own.
    static let hatePhrases: [Term] =
        [
            // Slurs whose letters could meet across words only by accident: any spacing.
            "쪽바리", "짱깨", "짱께", "짱꼴라", "똥남아", "깜둥이", "틀니딱딱", "똥꼬충", "한남충",
            // Threats.
            "죽여버릴", "죽여버린다", "죽여버리겠", "죽여버려", "죽일거야", "죽일꺼야", "죽일거다",
            "찔러죽이", "칼로찔러", "쏴죽이", "패죽이",
            // "…들은 병신": a plural aimed at with an insult.
            "들은병신", "들은다병신", "들다병신", "들은쓰레기", "들은벌레", "들은다죽어라", "들은다죽어야",
            "들다죽어라", "들다죽어버려", "들다뒤져", "들다꺼져", "들다죽여", "들죽여버려", "들죽어버려",
            "새끼들다죽", "놈들다죽", "년들다죽", "것들다죽",
        ].map(Term.loose)
        + [
            // Slurs that must stand as (the start of) one word: `급식 충분히` is not `급식충`.
            "급식충", "김치녀", "된장녀", "맘충", "페미충", "트젠충", "메갈", "개독",
            " 틀딱", " 흑형", " 애자 ", " 애자야", " 애자들", " 애자새끼", " 애자같", " 한남들",
            " nigg", " faggot", " fagot", " fag ", " fags ", " retard ", " retards ", " retarded ", " kike",
            " chink ", " chinks ", " spic ", " spics ", " gook ", " gooks ", " tranny", " trannies",
            " wetback", " raghead", " towelhead", " beaner",
            " i will kill you", " ill kill you", " im going to kill you", " im gonna kill you",
            " gonna kill you", " going to kill you", " i will murder you", " ill murder you",
            " kill yourself", " kys ", " you should die", " hope you die",
        ].map(Term.word)

    /// Idioms that hold a slur's letters but no slur: a hate match inside one does not count.
    static let hateIdioms: [Term] = [" chink in", " chinks in"].map(Term.word)

    /// Groups of people, for "group + connectors + insult" (`장애인 새끼들 다 죽어버려`).
    static let groups: [Term] = [
        "장애인", "장애우", "여자", "여성", "남자", "남성", "페미", "게이", "레즈", "동성애자",
        "트랜스젠더", "성소수자", "흑인", "백인", "중국인", "중국놈", "조선족", "일본인", "일본놈",
        "외국인", "이민자", "난민", "무슬림", "이슬람", "노인", "늙은이", "틀딱", "유대인", "동남아",
        "다문화", "전라도", "경상도", "기독교", "개신교", "천주교",
    ].map(Term.loose)

    /// What may stand between a group and the insult: plural, particles, "all".
    static let connectors: [Term] = [
        "새끼", "놈", "년", "것", "충", "들", "은", "는", "이", "가", "을", "를", "도", "다", "모두",
        "전부", "싹", "진짜", "존나", "그냥",
    ].map(Term.loose)

    /// Insults and threats after a group.
    static let insults: [Term] = [
        "새끼", "년들", "놈들", "다죽어라", "다죽어버려", "죽어버려", "죽어버렸으면", "죽었으면좋겠",
        "죽여버려", "죽여라", "죽여야", "죽어야", "뒤져라", "뒤져버려", "다뒤져", "꺼져", "병신", "벌레들",
        "벌레야", "벌레다", "벌레같", "벌레새끼", "박멸", "없어져야", "없어졌으면", "사라져야", "미개하",
        "미개한", "미개인", "버러지", "쓰레기들", "쓰레기야", "쓰레기다", "쓰레기임", "짐승같", "짐승들",
    ].map(Term.loose)

    /// English calls for violence against a group: one of these, then a group within a few words.
    static let englishCalls: [Term] = [" kill all", " death to", " gas the", " exterminate", " hang all"]
        .map(Term.word)

    /// English group words for `englishCalls`.
    static let englishGroups: [Term] = [
        " jews", " muslims", " blacks", " gays", " women", " men ", " immigrants", " asians",
        " chinese", " mexicans", " whites", " christians", " trans ", " lesbians", " arabs",
        " koreans", " japanese", " refugees", " disabled",
    ].map(Term.word)
}

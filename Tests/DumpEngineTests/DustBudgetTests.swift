import DumpEngine
import Testing

@Suite("Dust particle budget")
struct DustBudgetTests {
    @Test func longWorriesGetFewerParticlesDownToHalf() {
        let options = DustOptions()
        #expect(options.particleBudget(characters: 1) == DustOptions.defaultMaxParticles)
        #expect(options.particleBudget(characters: 60) == DustOptions.defaultMaxParticles)
        #expect(options.particleBudget(characters: 180) == DustOptions.defaultMaxParticles * 3 / 4)
        #expect(options.particleBudget(characters: 300) == DustOptions.defaultMaxParticles / 2)
        #expect(options.particleBudget(characters: 500) == DustOptions.defaultMaxParticles / 2)
        let budgets = (0...500).map { options.particleBudget(characters: $0) }
        #expect(zip(budgets, budgets.dropFirst()).allSatisfy { $0 >= $1 }, "never more particles for a longer worry")
    }

    @Test func theBudgetCountsGraphemesAndKeepsEverythingElse() {
        let options = DustOptions(width: 640, height: 360, fps: 24, seconds: 3, seed: 7, maxParticles: 10_000)
        let family = String(repeating: "👨‍👩‍👧", count: 300)  // 300 graphemes, 1,500 scalars
        let budgeted = options.budgeted(for: family)
        #expect(budgeted.maxParticles == 5_000)
        #expect(budgeted.width == 640 && budgeted.fps == 24 && budgeted.seed == 7 && budgeted.seconds == 3)
    }
}

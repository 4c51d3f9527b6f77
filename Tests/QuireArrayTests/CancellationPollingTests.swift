import QuireSupport
import Testing

@testable import QuireArray

/// Element-wise kernels poll the current cancellation token between blocks of elements.
@Suite struct CancellationPollingTests {
    @Test func aKernelStopsSoonAfterItsTokenIsCancelled() {
        let token = CancellationToken()
        let n = 1 << 22
        var visited = 0
        Cancellation.with(token) {
            forEachBlock(n) { i in
                visited += 1
                if i == 100_000 { token.cancel() }
            }
        }
        #expect(visited > 100_000)
        #expect(visited < n / 2)
    }

    @Test func withoutAStopEveryElementIsVisited() {
        let n = 300_001
        var visited = 0
        Cancellation.with(CancellationToken()) {
            forEachBlock(n) { _ in visited += 1 }
        }
        #expect(visited == n)
    }

    @Test func aBroadcastWalkStopsToo() {
        let token = CancellationToken()
        var rows = 0
        Cancellation.with(token) {
            forEachRow([100_000, 3], [[3, 1]]) { row, _ in
                rows += 1
                if row == 1000 { token.cancel() }
            }
        }
        #expect(rows > 1000)
        #expect(rows < 100_000)
    }
}

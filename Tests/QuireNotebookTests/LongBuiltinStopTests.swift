import Foundation
import QuireLang
import QuireNotebook
import Testing

/// A cell's time limit stops work inside builtins (model fitting, LIBSVM, image filters, CSV
/// reading, array kernels), not only the interpreter's loops: the cell fails with the usual
/// time-limit error and the next cell still runs in the same session.
///
/// Each piece of work would run for far longer than the bounded wait below if it could not be
/// stopped; the test fails when the run has not ended by then (no timing is asserted otherwise).
@Suite(.serialized) struct LongBuiltinStopTests {
    /// How long to wait for a stopped run to end before calling it a failure to stop.
    static let boundedWait = 30.0

    /// Random-looking data made by the builtins themselves: noise around 128, alternating labels.
    static let data = """
        ```quire
        X = add_noise(full((ROWS, 12), 128, dtype="uint8"), sigma=40, seed=1).astype("float64")
        y = arange(ROWS) % 2
        kept = "still here"
        ```

        """

    /// Runs the notebook on a thread of its own; nil when it did not end within `boundedWait`.
    func runWithin(_ text: String) throws -> [CellResult]? {
        let path = try writeNotebook(text, name: "long.md")
        let notebook = try NotebookFile.read(path)
        let interpreter = try makeTestInterpreter()
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let thread = Thread {
            box.results = NotebookRunner(notebook: notebook, interpreter: interpreter, options: .init()).run()
            done.signal()
        }
        thread.stackSize = 1 << 28
        thread.start()
        guard done.wait(timeout: .now() + Self.boundedWait) == .success else { return nil }
        return box.results
    }

    func expectStopped(_ work: String, rows: Int, _ comment: Comment) throws {
        let text = Self.data.replacingOccurrences(of: "ROWS", with: String(rows))
            + "```quire\n#| timeout: 300ms\n\(work)\n```\n\n```quire\nprint(kept)\n```\n"
        let results = try #require(try runWithin(text), "\(comment): the work was not stopped")
        #expect(results.map(\.status) == [.ok, .timeout, .skipped], comment)
        #expect(results[1].errorMessage == "cell 2 ran longer than its time limit of 300ms", comment)
    }

    @Test func readingAHugeCell() throws {
        // Two million brackets take seconds to read in a debug build; the limit stops the reading.
        try expectStopped("x = " + String(repeating: "(", count: 2_000_000) + "1", rows: 10, "a huge cell")
    }

    @Test func aForestFit() throws {
        try expectStopped("random_forest(n_estimators=50000, max_depth=6, random_state=1).fit(X, y)", rows: 20000, "random_forest")
    }

    @Test func anSVCFitInLIBSVM() throws {
        try expectStopped("svc(C=100000).fit(X, y)", rows: 6000, "svc")
    }

    @Test func aKNNPrediction() throws {
        try expectStopped("knn(n_neighbors=3).fit(X, y).predict(X)", rows: 200000, "knn")
    }

    @Test func anImageFilter() throws {
        try expectStopped("gaussian_blur(full((4000, 4000), 7, dtype=\"uint8\"), 63)", rows: 10, "gaussian_blur")
    }

    @Test func theNextCellRunsInTheSameSessionAfterAStop() throws {
        let text = Self.data.replacingOccurrences(of: "ROWS", with: "20000")
            + "```quire\n#| timeout: 300ms\nrandom_forest(n_estimators=50000, max_depth=6).fit(X, y)\n```\n"
        let path = try writeNotebook(text, name: "again.md")
        let notebook = try NotebookFile.read(path)
        let outcome: (CellResult, CellResult, String?)? = runOnLargeStack { () -> (CellResult, CellResult, String?)? in
            guard let interpreter = try? makeTestInterpreter() else { return nil }
            let runner = NotebookRunner(notebook: notebook, interpreter: interpreter, options: .init(keepGoing: true))
            let first = runner.run(cell: notebook.cells[0])
            let stopped = runner.run(cell: notebook.cells[1])
            return (first, stopped, interpreter.global("kept").map(Printer.str))
        }
        let (first, stopped, kept) = try #require(outcome)
        #expect(first.status == .ok)
        #expect(stopped.status == .timeout)
        #expect(kept == "still here")
    }
}

/// The results handed from the running thread to the waiting one (after the semaphore).
private final class ResultBox: @unchecked Sendable {
    var results: [CellResult] = []
}

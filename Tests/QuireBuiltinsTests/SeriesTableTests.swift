import Foundation
import Testing

/// A Series shown by a notebook cell reaches the page (and the record of the cell's tables that
/// `.ipynb` conversion reads) as a one-column HTML table, as pandas' `s.to_frame()` renders.
@Suite("Series as an HTML table")
struct SeriesTableTests {
    @Test func aCellShowingASeriesRecordsItsTable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-series-html-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "city\nParis\nNA\nBerlin\n".write(to: dir.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        let notebook = "# T\n\n```quire\ndf = read_csv(\"c.csv\")\ndf.city.str.upper()\n```\n\n```quire\nprint(df.city.str.len().sum())\n```\n"
        try notebook.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let result = try quire(["run", "nb.md", "--html"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try String(contentsOf: dir.appendingPathComponent("nb.out/cell-1.tables.json"), encoding: .utf8)
        #expect(tables.contains(#"<th>city</th>"#))
        #expect(tables.contains(#"<td>PARIS</td>"#))
        #expect(tables.contains(#"<td>NaN</td>"#))
        // a cell that only prints shows no table
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nb.out/cell-2.tables.json").path))
        let page = try String(contentsOf: dir.appendingPathComponent("nb.out/index.html"), encoding: .utf8)
        #expect(page.contains(#"<td>BERLIN</td>"#))
    }
}

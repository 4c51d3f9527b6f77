import Foundation
import Testing
@testable import QuireData

/// The CSV reader's numbers, read straight from bytes (Clinger's fast path, Eisel–Lemire, the
/// fused int and float paths of the tokenizer), must be bit for bit what strtod gives.
@Suite struct NumberParsingTests {
    typealias Generator = FastPathTests.Generator

    /// strtod's reading of the whole text, or nil when it stops early.
    static func reference(_ text: String) -> Double? {
        text.withCString { start in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(start, &end)
            return end == UnsafeMutablePointer(mutating: start) + text.utf8.count ? v : nil
        }
    }

    static func parsed(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { NumberParsing.parseDouble($0, 0, $0.count) }
    }

    static func format(_ f: String, _ v: Double) -> String { String(format: f, v) }

    /// Hand-picked hard cases: signed zeros, subnormals, the largest and smallest Doubles, values
    /// past them, exact ties (2^53 + 1 rounds to even), long mantissas and long exponents.
    static let edges = [
        "0", "-0", "0.0", "-0.0", "+0", "0e0", "-0e-400", "0e400", "00000.000000",
        "4.9e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-323",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "2.225073858507201e-308",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "1e308", "1e309", "1e400", "-1e400", "1e-400", "1e-320", "1e22", "1e23", "1e-22", "1e-23",
        "9007199254740992", "9007199254740993", "9007199254740995", "9007199254740993.0",
        "18014398509481985", "1.00000000000000011102230246251565404236316680908203125",
        "1.0000000000000001110223024625156540423631668090820313", "0.1", "0.2", "0.3", "-0.1",
        "123456789012345678", "1234567890123456789", "12345678901234567890", "99999999999999999999",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "1.5e-5", "1.5E+5", "-.5", ".5e1", "5.", "+5.25", "3.14159265358979323846264338327950288",
        "0.000000000000000000000000000001", "1e-5", "7e-10", "8.98846567431158e307",
        "4.4501477170144023e-308", "4.4501477170144022e-308", "6.9294956446009195e15",
        "2.9802322387695312e-08", "1.1754943508222875e-38", "3.4028234663852886e+38",
    ]

    @Test func edgeCasesMatchStrtodBitForBit() {
        for text in Self.edges {
            let want = Self.reference(text)
            let got = Self.parsed(text)
            #expect(got?.bitPattern == want?.bitPattern, "\(text): \(String(describing: got)) vs strtod \(String(describing: want))")
        }
    }

    /// The texts of many random Doubles, written as Python, C and pandas write them.
    static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        var g = Generator(state: seed)
        var out: [String] = []
        out.reserveCapacity(count)
        while out.count < count {
            let kind = Int.random(in: 0..<8, using: &g)
            switch kind {
            case 0, 1:
                // Any finite Double, subnormals included, from its bits.
                let v = Double(bitPattern: g.next())
                guard v.isFinite else { continue }
                out.append(kind == 0 ? format("%.17g", v) : "\(v)")
            case 2:
                let v = Double(bitPattern: g.next())
                guard v.isFinite else { continue }
                out.append(format("%.\(Int.random(in: 0...20, using: &g))e", v))
            case 3:
                // Numbers of a size data files hold, short and long.
                let v = Double.random(in: -1e6...1e6, using: &g)
                out.append(format(["%g", "%.17g", "%.3f", "%.1f", "%.6f", "%.12f"][Int.random(in: 0..<6, using: &g)], v))
            case 4:
                out.append("\(Double.random(in: -1...1, using: &g) * pow(10, Double(Int.random(in: -30...30, using: &g))))")
            case 5:
                // Random digit strings: many digits, a point anywhere, any exponent.
                let n = Int.random(in: 1...40, using: &g)
                var digits = (0..<n).map { _ in String(Int.random(in: 0...9, using: &g)) }
                if Bool.random(using: &g) { digits.insert(".", at: Int.random(in: 0...n, using: &g)) }
                var text = (Bool.random(using: &g) ? "-" : "") + digits.joined()
                if Bool.random(using: &g) { text += "e\(Int.random(in: -360...360, using: &g))" }
                out.append(text)
            case 6:
                // Ints near the Int64 edges and 2^53, written as decimals.
                let bases: [Double] = [9_007_199_254_740_992, 9.223372036854775807e18, 1e15, 1e16, 1e17]
                let base = bases[Int.random(in: 0..<bases.count, using: &g)]
                out.append(format("%.0f", base + Double(Int.random(in: -2000...2000, using: &g))))
            default:
                // Ties and near-ties: a 17-digit mantissa of 2^53 .. 2^54 with a trailing 5.
                let m = UInt64.random(in: (1 << 53)...(1 << 54), using: &g)
                out.append("\(m)5e\(Int.random(in: -30...10, using: &g))")
            }
        }
        return out
    }

    @Test func randomDoublesMatchStrtodBitForBit() {
        var mismatches: [String] = []
        for text in Self.randomTexts(200_000, seed: 19) {
            let want = Self.reference(text)
            let got = Self.parsed(text)
            if got?.bitPattern != want?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ from strtod, first: \(mismatches.prefix(5))")
    }

    /// The test above must be able to fail: a reading one unit off is caught.
    @Test func aReadingOneUnitOffIsNoticed() {
        let text = "0.1"
        let off = Self.reference(text)!.nextUp
        #expect(Self.parsed(text)?.bitPattern != off.bitPattern)
        #expect(Self.parsed(text)?.bitPattern == Self.reference(text)?.bitPattern)
    }

    @Test func eiselLemireAgreesWithStrtodOrDeclines() {
        var g = Generator(state: 7)
        var decided = 0
        for _ in 0..<100_000 {
            let mantissa = g.next() >> UInt64(Int.random(in: 0...63, using: &g))
            let exponent = Int.random(in: -360...360, using: &g)
            guard let v = NumberParsing.eiselLemire(mantissa, exponent, negative: false) else { continue }
            decided += 1
            let want = Self.reference("\(mantissa)e\(exponent)")!
            #expect(v.bitPattern == want.bitPattern, "\(mantissa)e\(exponent)")
        }
        // Most products decide: only subnormals, infinities and near-ties fall back.
        #expect(decided > 50_000)
        #expect(NumberParsing.eiselLemire(9_007_199_254_740_993, 0, negative: false) == nil)
        #expect(NumberParsing.eiselLemire(1, 400, negative: false) == nil)
        #expect(NumberParsing.eiselLemire(0, 400, negative: true)?.bitPattern == (-0.0).bitPattern)
    }

    /// The same texts as a CSV column, read by the fused tokenizer on several threads (the text
    /// is over the parallel threshold) and on one: every value as strtod reads it.
    @Test func csvColumnsMatchStrtodBitForBit() throws {
        let texts = ["0.5"] + Self.randomTexts(120_000, seed: 2026) + Self.edges
        // A second column of short decimals and ints, the fused fast path's daily bread.
        var g = Generator(state: 3)
        let short = (0..<texts.count).map { i -> String in
            i == 0 ? "0.25" : String(format: "%.\(Int.random(in: 0...6, using: &g))f", Double.random(in: -5000...5000, using: &g))
        }
        var csv = "x,y\n"
        for (a, b) in zip(texts, short) { csv += "\(a),\(b)\n" }
        #expect(csv.utf8.count > CSVReader.parallelThreshold)
        var serial = CSVOptions()
        serial.parallel = false
        for options in [CSVOptions(), serial] {
            let df = try TestData.parse(csv, options)
            let x = try #require(df.columns[0].floats)
            let y = try #require(df.columns[1].floats)
            #expect(x.count == texts.count)
            var bad: [String] = []
            for (i, text) in texts.enumerated() where x[i].bitPattern != Self.reference(text)!.bitPattern { bad.append(text) }
            for (i, text) in short.enumerated() where y[i].bitPattern != Self.reference(text)!.bitPattern { bad.append(text) }
            #expect(bad.isEmpty, "\(bad.count) differ from strtod, first: \(bad.prefix(5))")
        }
    }

    @Test func outOfRangeExponentsReadAsInfinityAndZero() throws {
        let df = try TestData.parse("x\n1.5\n1e400\n-1e400\n1e-400\n-1e-400\n")
        let x = try #require(df.columns[0].floats)
        #expect(x.map(\.bitPattern) == [1.5, .infinity, -.infinity, 0.0, -0.0].map(\.bitPattern))
    }

    @Test func intsAtTheInt64EdgesStayInts() throws {
        let df = try TestData.parse("i,j\n9223372036854775807,1\n-9223372036854775808,2\n0,3\n-0,4\n+5,5\n007,6\n-123456789012345678,7\n")
        #expect(df.columns[0].ints == [Int64.max, Int64.min, 0, 0, 5, 7, -123_456_789_012_345_678])
        #expect(df.columns[1].ints == [1, 2, 3, 4, 5, 6, 7])
        // One past either edge is a float, as strtod reads it.
        let over = try TestData.parse("i\n1\n9223372036854775808\n-9223372036854775809\n")
        #expect(over.columns[0].floats == [1, 9.223372036854775808e18, -9.223372036854775809e18])
    }

    @Test func randomIntsMatchSwiftsReading() throws {
        var g = Generator(state: 11)
        var texts: [String] = []
        for _ in 0..<50_000 {
            let digits = Int.random(in: 1...19, using: &g)
            var t = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &g)) }.joined()
            if Int.random(in: 0..<3, using: &g) == 0 { t = "-" + t }
            texts.append(t)
        }
        for t in texts {
            let got = Array(t.utf8).withUnsafeBufferPointer { NumberParsing.parseInt($0, 0, $0.count) }
            #expect(got == Int64(t), "\(t)")
        }
        // Only texts that fit: the column stays int64 and reads each as Swift does.
        let fitting = texts.filter { Int64($0) != nil }
        let df = try TestData.parse("n\n" + fitting.joined(separator: "\n") + "\n")
        #expect(df.columns[0].ints == fitting.map { Int64($0)! })
    }
}

import Foundation

/// Parsing numbers straight from bytes, as pandas' C parser accepts them.
enum NumberParsing {
    /// The exact powers of ten a Double holds; Clinger's fast path multiplies by them.
    static let exactPowers: [Double] = (0...22).map { pow(10.0, Double($0)) }
    /// Integers up to this many significant digits never overflow while accumulating.
    static let safeDigits = 18
    /// Longer numbers go to strtod through a stack copy of this size; longer still is not a number.
    static let maxFallbackLength = 128

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// An integer `[+-]digits` with optional surrounding spaces; nil if not one or out of range.
    @inline(__always)
    static func parseInt(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var s = start, e = end
        guard s < e else { return nil }
        if isSpace(buf[s]) || isSpace(buf[e - 1]) {
            while s < e && isSpace(buf[s]) { s += 1 }
            while e > s && isSpace(buf[e - 1]) { e -= 1 }
            guard s < e else { return nil }
        }
        var negative = false
        if buf[s] == UInt8(ascii: "-") || buf[s] == UInt8(ascii: "+") {
            negative = buf[s] == UInt8(ascii: "-")
            s += 1
        }
        guard s < e else { return nil }
        if e - s <= safeDigits {
            // No overflow is possible: accumulate without checks.
            var value: Int64 = 0
            for i in s..<e {
                let d = buf[i] &- 48
                guard d < 10 else { return nil }
                value = value &* 10 &+ Int64(d)
            }
            return negative ? -value : value
        }
        guard e - s <= 19 else { return nil }
        var value: UInt64 = 0
        for i in s..<e {
            let d = buf[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            value = a
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
        }
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// A decimal float (`1.5`, `-.5e3`, `inf`); nil if the bytes are not one.
    @inline(__always)
    static func parseDouble(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start, e = end
        while s < e && isSpace(buf[s]) { s += 1 }
        while e > s && isSpace(buf[e - 1]) { e -= 1 }
        guard s < e else { return nil }
        var p = s
        var negative = false
        if buf[p] == UInt8(ascii: "-") || buf[p] == UInt8(ascii: "+") {
            negative = buf[p] == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var dropped = 0  // integer digits beyond the 19 kept
        var fractionDigits = 0
        var sawDigit = false
        var truncated = false  // digits were left out of the mantissa
        while p < e, buf[p] &- 48 < 10 {
            sawDigit = true
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(buf[p] &- 48); if mantissa > 0 { digits += 1 } } else { dropped += 1 }
            p += 1
        }
        if p < e, buf[p] == UInt8(ascii: ".") {
            p += 1
            while p < e, buf[p] &- 48 < 10 {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(buf[p] &- 48)
                    if mantissa > 0 { digits += 1 }
                    fractionDigits += 1
                } else {
                    truncated = true
                }
                p += 1
            }
        }
        guard sawDigit else { return parseSpecial(buf, s, e) }
        var exponent = 0
        if p < e, buf[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var expNegative = false
            if p < e, buf[p] == UInt8(ascii: "-") || buf[p] == UInt8(ascii: "+") {
                expNegative = buf[p] == UInt8(ascii: "-")
                p += 1
            }
            guard p < e else { return nil }
            while p < e, buf[p] &- 48 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(buf[p] &- 48) }
                p += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard p == e else { return nil }
        let power = exponent - fractionDigits + dropped
        if digits <= 15 && mantissa < (1 << 53) && dropped == 0 && abs(power) <= 22 {
            var value = Double(mantissa)
            value = power < 0 ? value / exactPowers[-power] : value * exactPowers[power]
            return negative ? -value : value
        }
        // The mantissa holds every digit: Eisel–Lemire rounds correctly or declines.
        if dropped == 0 && !truncated, let value = eiselLemire(mantissa, power, negative: negative) {
            return value
        }
        return strtodCopy(buf, s, e)
    }

    /// The Double nearest `mantissa` x 10^`exponent` (ties to even, as strtod rounds), by the
    /// Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021; ported
    /// from Go's `strconv.eiselLemire64`); nil when a 128-bit product cannot decide the rounding
    /// or the result is subnormal, infinite or out of the table, for the exact fallback.
    static func eiselLemire(_ mantissa: UInt64, _ exponent: Int, negative: Bool) -> Double? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= PowersOfTen.smallest && exponent <= PowersOfTen.largest else { return nil }
        let zeros = mantissa.leadingZeroBitCount
        let man = mantissa << UInt64(zeros)
        // 217706 / 2^16 is log2(10): the binary exponent, biased by 1023.
        var exp2 = UInt64(bitPattern: Int64((217706 &* exponent) >> 16 + 64 + 1023)) &- UInt64(zeros)
        let row = (exponent - PowersOfTen.smallest) * 2
        let high = PowersOfTen.table[row], low = PowersOfTen.table[row + 1]
        var (xHi, xLo) = man.multipliedFullWidth(by: high)
        // The truncated power may be short by up to one unit: widen when that could carry.
        if xHi & 0x1FF == 0x1FF && xLo &+ man < man {
            let (yHi, yLo) = man.multipliedFullWidth(by: low)
            var mergedHi = xHi
            let mergedLo = xLo &+ yHi
            if mergedLo < xLo { mergedHi &+= 1 }
            if mergedHi & 0x1FF == 0x1FF && mergedLo &+ 1 == 0 && yLo &+ man < man { return nil }
            xHi = mergedHi
            xLo = mergedLo
        }
        let msb = xHi >> 63
        var bits = xHi >> (msb + 9)
        exp2 = exp2 &- (1 ^ msb)
        // Exactly halfway between two Doubles: leave the tie to the exact fallback.
        if xLo == 0 && xHi & 0x1FF == 0 && bits & 3 == 1 { return nil }
        bits += bits & 1
        bits >>= 1
        if bits >> 53 > 0 {
            bits >>= 1
            exp2 &+= 1
        }
        // Zero or below: subnormal; 0x7FF or above: infinite.
        if exp2 &- 1 >= 0x7FF - 1 { return nil }
        var pattern = exp2 << 52 | bits & 0x000F_FFFF_FFFF_FFFF
        if negative { pattern |= 1 << 63 }
        return Double(bitPattern: pattern)
    }

    /// `inf`, `-inf`, `Infinity` (any case), which pandas reads as floats.
    static func parseSpecial(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        var p = s
        var negative = false
        if buf[p] == UInt8(ascii: "-") || buf[p] == UInt8(ascii: "+") {
            negative = buf[p] == UInt8(ascii: "-")
            p += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: buf[p..<e]), as: UTF8.self).lowercased()
        guard word == "inf" || word == "infinity" else { return nil }
        return negative ? -.infinity : .infinity
    }

    static func strtodCopy(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        guard e - s < maxFallbackLength else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: e - s + 1) { tmp in
            for i in s..<e { tmp[i - s] = CChar(bitPattern: buf[i]) }
            tmp[e - s] = 0
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(tmp.baseAddress!, &endPtr)
            return endPtr == tmp.baseAddress! + (e - s) ? v : nil
        }
    }

    /// pandas' default `na_values`: these fields read as missing.
    static let naValues: Set<[UInt8]> = Set([
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ].map { Array($0.utf8) })
    /// The longest of `naValues`, so longer fields skip the set lookup.
    static let maxNALength = 8

    @inline(__always)
    static func isNA(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        if s == e { return true }
        guard e - s <= maxNALength else { return false }
        return naValues.contains(Array(buf[s..<e]))
    }

    /// pandas' default true and false spellings; nil for anything else.
    @inline(__always)
    static func parseBool(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool? {
        let n = e - s
        guard n == 4 || n == 5 else { return nil }
        let first = buf[s]
        if n == 4, first | 0x20 == UInt8(ascii: "t") {
            let word = Array(buf[s..<e])
            if word == Array("True".utf8) || word == Array("TRUE".utf8) || word == Array("true".utf8) { return true }
        } else if n == 5, first | 0x20 == UInt8(ascii: "f") {
            let word = Array(buf[s..<e])
            if word == Array("False".utf8) || word == Array("FALSE".utf8) || word == Array("false".utf8) { return false }
        }
        return nil
    }
}

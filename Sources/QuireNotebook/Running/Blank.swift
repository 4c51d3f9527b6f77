/// The `___` blanks of a handout: a cell that still has one is "not done yet", not an error.
enum Blank {
    /// The 0-based line (within `code`) of the first `___` blank outside strings and comments,
    /// or nil. A blank is a name made of three or more underscores only.
    static func firstLine(in code: String) -> Int? {
        let bytes = Array(code.utf8)
        var i = 0
        var line = 0
        func isNameByte(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                i += 1
            } else if b == UInt8(ascii: "#") {
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let triple = i + 2 < bytes.count && bytes[i + 1] == b && bytes[i + 2] == b
                i += triple ? 3 : 1
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "\n") {
                        line += 1
                        if !triple { break }
                    }
                    if bytes[i] == b && (!triple || (i + 2 < bytes.count && bytes[i + 1] == b && bytes[i + 2] == b)) {
                        i += triple ? 3 : 1
                        break
                    }
                    i += 1
                }
            } else if isNameByte(b) {
                let start = i
                while i < bytes.count && isNameByte(bytes[i]) { i += 1 }
                if i - start >= 3 && bytes[start..<i].allSatisfy({ $0 == UInt8(ascii: "_") }) { return line }
            } else {
                i += 1
            }
        }
        return nil
    }
}

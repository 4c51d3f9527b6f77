/// The bytecode of the register VM (see `VM.swift`): a function body or a top-level loop
/// compiled to instructions whose operands are registers of one frame.
///
/// Registers 0 ..< localCount are the function's local variables (the same slots the closure
/// compiler uses, so code compiled the other way reads and writes them too); temporaries follow.
/// A top-level loop has no locals: its names are globals, and its registers are temporaries only.
enum Op: UInt8 {
    /// a = consts[b]
    case loadConst
    /// a = b
    case move
    /// a = b, after checking b is assigned (info names the variable)
    case moveChecked
    /// throws unless register a is assigned (info names the variable)
    case checkDefined
    /// a = globals[b]; unassigned: the builtin of that name, else a name error
    case getGlobal
    /// globals[b] = a
    case setGlobal
    /// a = enclosing frame b levels up, slot c
    case getEnclosing
    /// enclosing frame b levels up, slot c = a
    case setEnclosing
    /// a = b + c, b - c, b * c, b % c, b // c
    case add, subtract, multiply, modulo, floorDivide
    /// a = b + c, b - c, b * c, b % c with c an int constant
    case addInt, subtractInt, multiplyInt, moduloInt
    /// a = b (info.binary) c
    case binary
    /// a = b (compare x) c, a bool
    case compare
    /// a = (unary info.unary) b
    case unary
    /// pc = a
    case jump
    /// unless truth(a): pc = b
    case jumpIfFalse
    /// unless b (compare x) c: pc = a
    case jumpUnlessCompare
    /// unless b (compare x) int constant c: pc = a
    case jumpUnlessCompareInt
    /// a stop (Ctrl-C, a cell's time limit) is reported here, at info.span
    case checkInterrupt
    /// a = b[c] (one index)
    case index
    /// a = register b called with x arguments in registers c ..< c + x
    case call
    /// a = globals[b] (or the builtin of that name) called with x arguments in registers
    /// c ..< c + x
    case callGlobal
    /// a = trees[b](frame): a piece compiled to closures
    case tree
    /// stores[b](frame, a): an assignment target compiled to closures (`xs[i] = v`, `a, b = t`)
    case treeStore
    /// registers a ... a + 2 become the iteration state of the sequence in register a
    case forPrep
    /// the next element of the loop whose state is at b into register a; when done, pc = c
    case forNext
    /// registers 0 ..< localCount take the values of the globals `globalSlots`
    case promote
    /// the globals `globalSlots` take the values of registers 0 ..< localCount
    case demote
    /// return the value in register a from the function
    case returnValue
    /// the end of the code: its value is register a (none when a < 0)
    case end
}

/// One instruction: an operation, a small operand (a comparison or an argument count) and three
/// register, constant or jump operands.
struct Instruction {
    var op: Op
    var x: UInt8 = 0
    // a and b are kept unsigned, so that the VM reads them as indices without sign extension.
    private var aBits: UInt32
    private var bBits: UInt32
    var c: Int32

    init(op: Op, x: UInt8 = 0, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0) {
        self.op = op
        self.x = x
        self.aBits = UInt32(bitPattern: a)
        self.bBits = UInt32(bitPattern: b)
        self.c = c
    }

    var a: Int32 {
        get { Int32(bitPattern: aBits) }
        set { aBits = UInt32(bitPattern: newValue) }
    }
    var b: Int32 {
        get { Int32(bitPattern: bBits) }
        set { bBits = UInt32(bitPattern: newValue) }
    }
    /// Operands a and b as register, slot, constant or jump indices (never negative there).
    var ra: Int { Int(aBits) }
    var rb: Int { Int(bBits) }
    /// `end` without a value (a = -1).
    var endsWithoutValue: Bool { aBits == UInt32.max }

    /// The comparison of a compare or jumpUnless instruction (`x`, always a `ComparisonCode`).
    var comparison: ComparisonCode { unsafeBitCast(x, to: ComparisonCode.self) }
}

/// Comparisons the VM does on ints itself, numbered for the `x` operand.
enum ComparisonCode: UInt8 {
    case less, lessEqual, greater, greaterEqual, equal, notEqual, other

    init(_ op: BinaryOperator) {
        switch op {
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        default: self = .other
        }
    }

    @inline(__always)
    func test(_ x: Int, _ y: Int) -> Bool {
        switch self {
        case .less: x < y
        case .lessEqual: x <= y
        case .greater: x > y
        case .greaterEqual: x >= y
        case .equal: x == y
        case .notEqual: x != y
        case .other: false
        }
    }
}

/// What an instruction needs only when it fails or takes its slow path: where it is in the
/// source, and the names it reads. A class, so that a slow path reads one field without copying
/// the rest.
final class InstructionInfo {
    var span: SourceSpan?
    /// The variable read by operand b (or a, for checkDefined/moveChecked/getGlobal).
    var name: String?
    /// Where operand b's variable is read, when the instruction checks it.
    var spanB: SourceSpan?
    /// The variable read by operand c, when it is a local that may be unassigned.
    var nameC: String?
    var spanC: SourceSpan?
    var binary: BinaryOperator?
    var unary: UnaryOperator?
    /// getGlobal: the builtin an unassigned global of this name means.
    var builtin: Value?
    /// call: the spans of the call and of its arguments.
    var argumentSpans: ArgumentSpans?
    /// An instruction computing an argument of a `callGlobal`: the callee it would have read
    /// first (see `Interpreter.run`).
    var pendingCallee: PendingCallee?

    init(
        span: SourceSpan? = nil, name: String? = nil, binary: BinaryOperator? = nil, unary: UnaryOperator? = nil,
        builtin: Value? = nil, argumentSpans: ArgumentSpans? = nil
    ) {
        self.span = span
        self.name = name
        self.binary = binary
        self.unary = unary
        self.builtin = builtin
        self.argumentSpans = argumentSpans
    }
}

/// The global a `callGlobal` calls, as its arguments' instructions know it: when one of them
/// fails while the global is undefined (and no builtin has its name), the error is the undefined
/// name, as Python, which reads the callee before the arguments, reports it.
struct PendingCallee {
    let slot: Int
    let name: String
    let span: SourceSpan
    let hasBuiltin: Bool
}

/// The assignment targets a chunk stores into through the closure compiler.
struct StoreRef {
    let run: (Frame, Value) throws -> Void
}

/// A compiled function body or top-level loop.
final class Chunk {
    let name: String
    var code: [Instruction] = []
    var info: [InstructionInfo] = []
    var constants: [Value] = []
    var trees: [CodeRef] = []
    var stores: [StoreRef] = []
    /// Locals come first; temporaries follow them.
    let localCount: Int
    var registerCount: Int
    var localNames: [String]
    /// In a top-level loop whose globals live in registers: the globals' slots, register by
    /// register (see `Compiler.compileBytecodeLoop`). A register left unassigned is then a name
    /// that is not defined, not a local read before its assignment.
    var globalSlots: [Int]?
    /// The instructions, in memory of their own once compiling is done (`finish`).
    private(set) var instructions: UnsafeMutablePointer<Instruction>?
    /// False when no instruction needs the frame as an object (closure-compiled pieces, enclosing
    /// functions' variables): calls from bytecode then run it on the register stack.
    private(set) var needsFrame = true

    func finish() {
        needsFrame = code.contains { [.tree, .treeStore, .getEnclosing, .setEnclosing].contains($0.op) }
        // A jump to the end (or to a return) ends there itself.
        for i in code.indices where code[i].op == .jump {
            let t = Int(code[i].a)
            if code[t].op == .end || code[t].op == .returnValue {
                code[i] = code[t]
                info[i] = info[t]
            }
        }
        // A function's result copied to a temporary only to end there ends with the variable
        // itself: nothing else can see the variable afterwards, as no closure holds the frame.
        if !needsFrame && globalSlots == nil {
            for i in code.indices.dropLast() where code[i].op == .move && code[i + 1].op == .end && code[i + 1].a == code[i].a {
                code[i] = Instruction(op: .end, a: code[i].b)
            }
        }
        let p = UnsafeMutablePointer<Instruction>.allocate(capacity: code.count)
        p.initialize(from: code, count: code.count)
        instructions = p
    }

    deinit {
        instructions?.deallocate()
    }

    init(name: String, localNames: [String]) {
        self.name = name
        self.localNames = localNames
        self.localCount = localNames.count
        self.registerCount = localNames.count
    }
}

extension Chunk {
    /// The bytecode as text, one instruction per line (`quire --disassemble`).
    func disassembly() -> String {
        func reg(_ r: Int32) -> String {
            let i = Int(r)
            return i < localCount ? "r\(i)(\(localNames[i]))" : "r\(i)"
        }
        let compareNames = ["<", "<=", ">", ">=", "==", "!=", "?"]
        var lines = ["\(name): \(localCount) local\(localCount == 1 ? "" : "s"), \(registerCount) registers"]
        for (pc, ins) in code.enumerated() {
            let info = info[pc]
            let text: String
            switch ins.op {
            case .loadConst: text = "loadConst \(reg(ins.a)) = \(Printer.repr(constants[Int(ins.b)]))"
            case .move: text = "move \(reg(ins.a)) = \(reg(ins.b))"
            case .moveChecked: text = "moveChecked \(reg(ins.a)) = \(reg(ins.b))"
            case .checkDefined: text = "checkDefined \(reg(ins.a))"
            case .getGlobal: text = "getGlobal \(reg(ins.a)) = \(info.name ?? "?")"
            case .setGlobal: text = "setGlobal \(info.name ?? "?") = \(reg(ins.a))"
            case .getEnclosing: text = "getEnclosing \(reg(ins.a)) = up \(ins.b) slot \(ins.c) (\(info.name ?? "?"))"
            case .setEnclosing: text = "setEnclosing up \(ins.b) slot \(ins.c) (\(info.name ?? "?")) = \(reg(ins.a))"
            case .add, .subtract, .multiply, .modulo, .floorDivide, .binary:
                text = "\(ins.op) \(reg(ins.a)) = \(reg(ins.b)) \(info.binary?.rawValue ?? "?") \(reg(ins.c))"
            case .addInt, .subtractInt, .multiplyInt, .moduloInt:
                text = "\(ins.op) \(reg(ins.a)) = \(reg(ins.b)) \(info.binary?.rawValue ?? "?") \(ins.c)"
            case .compare:
                text = "compare \(reg(ins.a)) = \(reg(ins.b)) \(info.binary?.rawValue ?? compareNames[Int(ins.x)]) \(reg(ins.c))"
            case .unary: text = "unary \(reg(ins.a)) = \(info.unary?.rawValue ?? "?") \(reg(ins.b))"
            case .jump: text = "jump \(ins.a)"
            case .jumpIfFalse: text = "jumpIfFalse \(reg(ins.a)) to \(ins.b)"
            case .jumpUnlessCompare:
                text = "jumpUnless \(reg(ins.b)) \(info.binary?.rawValue ?? "?") \(reg(ins.c)) to \(ins.a)"
            case .jumpUnlessCompareInt:
                text = "jumpUnless \(reg(ins.b)) \(info.binary?.rawValue ?? "?") \(ins.c) to \(ins.a)"
            case .checkInterrupt: text = "checkInterrupt"
            case .index: text = "index \(reg(ins.a)) = \(reg(ins.b))[\(reg(ins.c))]"
            case .call:
                let args = (0..<Int32(ins.x)).map { reg(ins.c + $0) }.joined(separator: ", ")
                text = "call \(reg(ins.a)) = \(reg(ins.b))(\(args))"
            case .callGlobal:
                let args = (0..<Int32(ins.x)).map { reg(ins.c + $0) }.joined(separator: ", ")
                text = "callGlobal \(reg(ins.a)) = \(info.name ?? "?")(\(args))"
            case .tree: text = "tree \(reg(ins.a)) = closure \(ins.b)"
            case .treeStore: text = "treeStore closure \(ins.b) = \(reg(ins.a))"
            case .forPrep: text = "forPrep \(reg(ins.a))"
            case .forNext: text = "forNext \(reg(ins.a)) = next of \(reg(ins.b)), done: \(ins.c)"
            case .promote: text = "promote globals " + localNames.joined(separator: ", ")
            case .demote: text = "demote globals " + localNames.joined(separator: ", ")
            case .returnValue: text = "return \(reg(ins.a))"
            case .end: text = ins.a < 0 ? "end" : "end \(reg(ins.a))"
            }
            let line = info.span.map { " ; line \($0.line)" } ?? ""
            lines.append(String(format: "%4d  ", pc) + text + line)
        }
        return lines.joined(separator: "\n")
    }
}

/// The registers of bytecode calls that need no frame object, one window per call, as in Lua:
/// a call takes the next `registerCount` values and gives them back when it returns. Beside
/// them, one `CallRecord` per such call, telling where its caller resumes.
///
/// Registers below `initializedEnd` are initialized, and those at or above `top` hold no object
/// (a returning call lets go of its window's objects), so that a call can start on them without
/// clearing its temporaries.
final class RegisterStack {
    /// Room for deep recursion of small functions; a call that does not fit gets a frame instead.
    let capacity = 1 << 18
    let base: UnsafeMutablePointer<Value>
    /// The first register above the running calls' windows.
    var top: UnsafeMutablePointer<Value>
    /// The end of the registers initialized so far: windows are made valid as the stack first
    /// reaches them, not all at start.
    private(set) var initializedEnd: UnsafeMutablePointer<Value>
    /// At most one record per call level, and `maxCallDepth` bounds the levels.
    let calls: UnsafeMutablePointer<CallRecord>
    var callCount = 0

    init() {
        base = .allocate(capacity: capacity)
        top = base
        initializedEnd = base
        calls = .allocate(capacity: maxCallDepth + 1)
    }

    /// Whether a window of `size` registers fits above `top`, all initialized.
    @inline(__always)
    func reserve(_ size: Int) -> Bool {
        top + size <= initializedEnd || grow(to: top - base + size)
    }

    /// The innermost call's record, taken off (its window is still above `top`'s new place
    /// once `release` gives it back).
    @inline(__always)
    func popRecord() -> CallRecord {
        callCount &-= 1
        return calls[callCount]
    }

    /// Gives back the innermost window, at `window`: its objects are let go, so that registers
    /// at or above `top` hold none.
    @inline(__always)
    func release(window: UnsafeMutablePointer<Value>, size: Int) {
        window.clearObjects(size)
        top -= size
    }

    @inline(never)
    private func grow(to needed: Int) -> Bool {
        guard needed <= capacity else { return false }
        let initialized = initializedEnd - base
        let target = min(capacity, max(needed, initialized * 2, 1024))
        initializedEnd.initialize(repeating: .undefined, count: target - initialized)
        initializedEnd = base + target
        return true
    }

    deinit {
        base.deinitialize(count: initializedEnd - base)
        base.deallocate()
        calls.deallocate()
    }
}

/// A call running on the register stack (see `Interpreter.run`): its caller's code, registers
/// and next instruction (`ip`, in `code`), and the size of the callee's window. The callee's name, for an error's
/// call stack, is its chunk's.
struct CallRecord {
    let chunk: Unmanaged<Chunk>
    let code: UnsafeMutablePointer<Instruction>
    let regs: UnsafeMutablePointer<Value>
    let ip: UnsafeMutablePointer<Instruction>
    let size: Int
}

/// Compiles function bodies and top-level loops to the register VM's bytecode (`Bytecode.swift`).
///
/// Statements, variables, arithmetic, comparisons, conditions, loops and calls of functions with
/// positional arguments become instructions. Anything else (method calls, comprehensions,
/// literals of lists and dicts, f-strings, `and`/`or`, slices, nested functions ...) is compiled
/// by the closure compiler and run by a `tree` instruction on the same frame, so the two kinds of
/// code share the function's variables and every construct keeps its one implementation of
/// errors and results.
final class ChunkBuilder {
    let chunk: Chunk
    /// Locals below this are parameters: always assigned, so reading them needs no check.
    let parameterCount: Int
    private(set) var nextTemp: Int
    /// The loops being compiled: where `continue` jumps, and the `break` jumps to patch.
    var loops: [(continueTarget: Int, breaks: [Int])] = []
    /// In a top-level loop that runs no code but its own, the globals it uses live in registers
    /// while it runs (`promote` ... `demote`): their registers, by name, once promotion has begun.
    var promoted: [String: Int] = [:]
    var pendingPromotion: [String: Int]?
    var promotionStarted = false

    init(chunk: Chunk, parameterCount: Int) {
        self.chunk = chunk
        self.parameterCount = parameterCount
        self.nextTemp = chunk.localCount
    }

    func temp() -> Int32 {
        let r = nextTemp
        nextTemp += 1
        chunk.registerCount = max(chunk.registerCount, nextTemp)
        return Int32(r)
    }

    func release(to mark: Int) { nextTemp = mark }
    var mark: Int { nextTemp }

    /// Whether `r` is a temporary: a register no variable lives in, which only the code
    /// computing into it writes before its reader takes the value.
    func isTemporary(_ r: Int32) -> Bool { Int(r) >= chunk.localCount }

    @discardableResult
    func emit(_ op: Op, x: UInt8 = 0, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0, info: InstructionInfo = InstructionInfo()) -> Int {
        chunk.code.append(Instruction(op: op, x: x, a: a, b: b, c: c))
        chunk.info.append(info)
        return chunk.code.count - 1
    }

    var here: Int32 { Int32(chunk.code.count) }

    func patchJump(_ at: Int, to target: Int32) {
        switch chunk.code[at].op {
        case .jump: chunk.code[at].a = target
        case .jumpIfFalse: chunk.code[at].b = target
        case .jumpUnlessCompare, .jumpUnlessCompareInt: chunk.code[at].a = target
        case .forNext: chunk.code[at].c = target
        default: preconditionFailure("not a jump")
        }
    }

    func constant(_ v: Value) -> Int32 {
        chunk.constants.append(v)
        return Int32(chunk.constants.count - 1)
    }
}

/// A register holding an operand's value, and the variable it reads when that variable may be
/// unassigned (a local that is not a parameter): the instruction using it checks.
struct Operand {
    let register: Int32
    let unchecked: (name: String, span: SourceSpan)?
}

extension Compiler {
    /// A function body as bytecode; returns the code to run and the frame size it needs.
    func compileBytecodeBody(_ body: Node, name: String, scope: Scope, parameterCount: Int) throws -> (Code, Int) {
        let chunk = Chunk(name: name, localNames: scope.names)
        let b = ChunkBuilder(chunk: chunk, parameterCount: parameterCount)
        let result = b.temp()
        try emit(body, b, into: result)
        b.emit(.end, result)
        chunk.finish()
        compiledChunks.append(chunk)
        let interp = interpreter
        return ({ f in try f.withUnsafeMutablePointerToElements { try interp.execute(chunk, f, $0) } }, chunk.registerCount)
    }

    /// A `while` or `for` loop at the top level of a program or cell, as bytecode: its names are
    /// globals and its registers temporaries of its own.
    ///
    /// When the loop calls nothing (only arithmetic, comparisons, indexing, assignments and
    /// loops), nothing else can read or write a global while it runs, so its globals are kept in
    /// registers: loaded once after the outermost iterable is computed, and stored back when the
    /// loop ends, by any way, an error included.
    func compileBytecodeLoop(_ node: Node) throws -> Code {
        let name = "loop at line \(node.span.line)"
        let interp = interpreter
        if let names = promotableGlobals(node) {
            let chunk = Chunk(name: name, localNames: names)
            chunk.globalSlots = names.map { interp.globals.slot(for: $0) }
            let b = ChunkBuilder(chunk: chunk, parameterCount: 0)
            b.pendingPromotion = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            try emit(node, b, into: nil)
            b.emit(.end, -1)
            // The last register says whether the globals are in registers now.
            chunk.registerCount += 1
            chunk.finish()
            compiledChunks.append(chunk)
            return { f in
                let registers = Frame.make(slotCount: chunk.registerCount, parent: nil)
                return try registers.withUnsafeMutablePointerToElements { try interp.execute(chunk, f, $0) }
            }
        }
        let chunk = Chunk(name: name, localNames: [])
        let b = ChunkBuilder(chunk: chunk, parameterCount: 0)
        try emit(node, b, into: nil)
        b.emit(.end, -1)
        chunk.finish()
        compiledChunks.append(chunk)
        return { f in
            let registers = Frame.make(slotCount: chunk.registerCount, parent: nil)
            return try registers.withUnsafeMutablePointerToElements { try interp.execute(chunk, f, $0) }
        }
    }

    /// The globals a top-level loop uses, when it runs no code but its own (see
    /// `compileBytecodeLoop`); nil when it calls something, or uses a name that is also a builtin.
    func promotableGlobals(_ loop: Node) -> [String]? {
        var names: [String] = []
        var seen: Set<String> = []
        func use(_ name: String) -> Bool {
            if interpreter.registry.functions[name] != nil { return false }
            if seen.insert(name).inserted { names.append(name) }
            return true
        }
        func pure(_ node: Node) -> Bool {
            switch node.kind {
            case .literal, .pass, .breakLoop, .continueLoop: return true
            case .name(let n): return use(n)
            case .binary(_, let l, let r): return pure(l) && pure(r)
            case .compare(let ops, let operands): return ops.count == 1 && ops[0].binaryOperator != nil && operands.allSatisfy(pure)
            case .unary(_, let o): return pure(o)
            case .ifElse(let c, let t, let e): return pure(c) && pure(t) && (e.map(pure) ?? true)
            case .block(let ss): return ss.allSatisfy(pure)
            case .whileLoop(let c, let body): return pure(c) && pure(body)
            case .forLoop(.name(let n, _), let iterable, let body): return use(n) && pure(iterable) && pure(body)
            case .assign(.name(let n, _), let v), .augmentedAssign(.name(let n, _), _, let v): return use(n) && pure(v)
            case .index(let o, let items): return items.count == 1 && items[0].singleNode.map(pure) == true && pure(o)
            default: return false
            }
        }
        switch loop.kind {
        case .whileLoop: guard pure(loop) else { return nil }
        case .forLoop(.name(let n, _), _, let body): guard use(n) && pure(body) else { return nil }
        default: return nil
        }
        return names.isEmpty ? nil : names
    }

    /// Where a name lives in the chunk being compiled.
    func resolve(_ name: String, _ b: ChunkBuilder) -> VariableRef {
        if let r = b.promoted[name] { return .local(r) }
        return resolve(name)
    }

    /// Starts keeping the loop's globals in registers, if it may (see `compileBytecodeLoop`).
    func beginPromotion(_ b: ChunkBuilder) {
        guard let pending = b.pendingPromotion else { return }
        b.pendingPromotion = nil
        b.promoted = pending
        b.emit(.promote)
        b.promotionStarted = true
    }

    func endPromotion(_ b: ChunkBuilder) {
        guard b.promotionStarted else { return }
        b.promotionStarted = false
        b.promoted = [:]
        b.emit(.demote)
    }

    // MARK: statements and values

    /// Compiles `node`; its value goes to register `dest`, or nowhere when `dest` is nil.
    func emit(_ node: Node, _ b: ChunkBuilder, into dest: Int32?) throws {
        let span = node.span
        switch node.kind {
        case .block(let statements):
            if statements.isEmpty {
                if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
                return
            }
            for (i, s) in statements.enumerated() {
                try emit(s, b, into: i == statements.count - 1 ? dest : nil)
            }
        case .pass:
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .ifElse(let condition, let then, let otherwise):
            let falseJumps = try emitTest(condition, b)
            try emit(then, b, into: dest)
            if otherwise != nil || dest != nil {
                let skip = b.emit(.jump)
                for j in falseJumps { b.patchJump(j, to: b.here) }
                if let otherwise {
                    try emit(otherwise, b, into: dest)
                } else if let dest {
                    b.emit(.loadConst, dest, b.constant(.none))
                }
                b.patchJump(skip, to: b.here)
            } else {
                for j in falseJumps { b.patchJump(j, to: b.here) }
            }
        case .whileLoop(let condition, let body):
            let outermost = b.pendingPromotion != nil
            beginPromotion(b)
            let top = b.here
            let exits = try emitTest(condition, b)
            b.emit(.checkInterrupt, info: InstructionInfo(span: condition.span))
            try emitLoopBody(body, top: top, exits: exits, b)
            if outermost { endPromotion(b) }
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .forLoop(let target, let iterable, let body):
            try emitFor(target, iterable, body, b)
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .breakLoop, .continueLoop:
            let isBreak: Bool
            if case .breakLoop = node.kind { isBreak = true } else { isBreak = false }
            guard !b.loops.isEmpty else {
                throw QuireError(.syntax, "\(isBreak ? "break" : "continue") outside a loop", span: span)
            }
            if isBreak {
                b.loops[b.loops.count - 1].breaks.append(b.emit(.jump))
            } else {
                b.emit(.jump, Int32(b.loops[b.loops.count - 1].continueTarget))
            }
        case .returnValue(let value):
            guard functionDepth > 0 else {
                throw QuireError(.syntax, "return outside a function", hint: "a program's or cell's last expression is its result", span: span)
            }
            let mark = b.mark
            if let value {
                let r = b.temp()
                try emit(value, b, into: r)
                b.emit(.returnValue, r)
            } else {
                b.emit(.returnValue, b.constantRegister(.none))
            }
            b.release(to: mark)
        case .assign(let target, let value):
            try emitAssign(target, value, b)
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .augmentedAssign(.name(let name, let nameSpan), let op, let value):
            try emitAugmentedAssign(name, nameSpan, op, value, span, b)
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .global:
            // Checked and given its slots by the closure compiler; it runs as nothing.
            _ = try compile(node)
            if let dest { b.emit(.loadConst, dest, b.constant(.none)) }
        case .literal(let v):
            if let dest { b.emit(.loadConst, dest, b.constant(v)) }
        case .name(let name):
            guard let dest else {
                // A name on its own line is still read (an unassigned one is an error).
                let mark = b.mark
                try emitRead(name, span, b, into: b.temp())
                b.release(to: mark)
                return
            }
            try emitRead(name, span, b, into: dest)
        case .binary(let op, let l, let r):
            try emitBinary(op, l, r, span, b, into: dest)
        case .compare(let ops, let operands) where ops.count == 1 && ops[0].binaryOperator != nil:
            let op = ops[0].binaryOperator!
            let mark = b.mark
            let (lo, ro) = try emitOperands(operands[0], operands[1], b)
            let out = dest ?? b.temp()
            b.emit(.compare, x: ComparisonCode(op).rawValue, out, lo.register, ro.register,
                   info: operandInfo(lo, ro, span: operands[0].span.through(operands[1].span), binary: op))
            b.release(to: mark)
        case .unary(let op, let operand):
            let mark = b.mark
            let o = try emitOperand(operand, b)
            try requireAssigned(o, b)
            b.emit(.unary, dest ?? b.temp(), o.register, info: InstructionInfo(span: span, unary: op))
            b.release(to: mark)
        case .index(let object, let items) where items.count == 1 && items[0].singleNode != nil:
            let item = items[0].singleNode!
            let mark = b.mark
            let (oo, io) = try emitOperands(object, item, b)
            b.emit(.index, dest ?? b.temp(), oo.register, io.register, info: operandInfo(oo, io, span: span))
            b.release(to: mark)
        case .call(let callee, let args) where isPlainCall(callee, args):
            if let (name, slot) = globalCall(callee, args, b) {
                // A global function called with arguments that run no code of the user's: the callee
                // stays in its global, where `callGlobal` reads it. Should an argument fail while the
                // global is undefined, the VM reports the undefined name instead, as reading the
                // callee first would have (`InstructionInfo.pendingCallee`).
                let builtin = builtinValue(named: name)
                let mark = b.mark
                let out = dest ?? b.temp()
                // The arguments start in the destination when it is the newest temporary: the call
                // moves them into its window, and its result takes their place.
                let first = b.isTemporary(out) && Int(out) == b.mark - 1 ? Int(out) : b.mark
                let argumentCode = b.chunk.code.count
                for (i, arg) in args.enumerated() {
                    let r = i == 0 && first == Int(out) ? out : b.temp()
                    try emit(arg.value, b, into: r)
                }
                let pending = PendingCallee(slot: slot, name: name, span: callee.span, hasBuiltin: builtin != nil)
                for pc in argumentCode..<b.chunk.code.count { b.chunk.info[pc].pendingCallee = pending }
                let spans = ArgumentSpans(call: span, positional: args.map(\.value.span), keywords: [:])
                let info = InstructionInfo(span: span, name: name, builtin: builtin, argumentSpans: spans)
                info.spanB = callee.span
                b.emit(.callGlobal, x: UInt8(args.count), out, Int32(slot), Int32(first), info: info)
                b.release(to: mark)
                return
            }
            let mark = b.mark
            // A temporary destination can hold the callee until the call replaces it with the
            // result; a variable cannot, as the arguments may still read it.
            let fnRegister = dest.flatMap { $0 >= b.chunk.localCount ? $0 : nil } ?? b.temp()
            try emit(callee, b, into: fnRegister)
            let first = b.mark
            for arg in args {
                let r = b.temp()
                try emit(arg.value, b, into: r)
            }
            let spans = ArgumentSpans(call: span, positional: args.map(\.value.span), keywords: [:])
            b.emit(.call, x: UInt8(args.count), dest ?? fnRegister, fnRegister, Int32(first),
                   info: InstructionInfo(span: span, argumentSpans: spans))
            b.release(to: mark)
        default:
            // Compiled to closures, run on this frame.
            let code = try compile(node)
            b.chunk.trees.append(CodeRef(run: code))
            let mark = b.mark
            b.emit(.tree, dest ?? b.temp(), Int32(b.chunk.trees.count - 1), info: InstructionInfo(span: span))
            b.release(to: mark)
        }
    }

    /// A call by name of a global whose arguments cannot change any variable or run a function
    /// (literals, variables, operators), so the global still holds the callee after them: its
    /// name and slot.
    private func globalCall(_ callee: Node, _ args: [Argument], _ b: ChunkBuilder) -> (String, Int)? {
        guard case .name(let name) = callee.kind, case .global(let slot) = resolve(name, b), args.allSatisfy({ runsNoCode($0.value) })
        else { return nil }
        return (name, slot)
    }

    private func runsNoCode(_ node: Node) -> Bool {
        switch node.kind {
        case .literal, .name: true
        case .unary(_, let o): runsNoCode(o)
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r): runsNoCode(l) && runsNoCode(r)
        case .compare(_, let operands): operands.allSatisfy(runsNoCode)
        default: false
        }
    }

    /// A call the VM makes itself: a callee that is not a method, positional arguments only.
    private func isPlainCall(_ callee: Node, _ args: [Argument]) -> Bool {
        if case .member = callee.kind { return false }
        return args.count < 256 && args.allSatisfy { $0.name == nil && !$0.spread }
    }

    // MARK: variables

    /// Reads a variable into `dest`.
    func emitRead(_ name: String, _ span: SourceSpan, _ b: ChunkBuilder, into dest: Int32) throws {
        switch resolve(name, b) {
        case .local(let slot):
            let op: Op = slot < b.parameterCount ? .move : .moveChecked
            if op == .move && Int32(slot) == dest { return }
            b.emit(op, dest, Int32(slot), info: InstructionInfo(span: span, name: name))
        case .enclosing(let depth, let slot):
            b.emit(.getEnclosing, dest, Int32(depth), Int32(slot), info: InstructionInfo(span: span, name: name))
        case .global(let slot):
            let builtin = builtinValue(named: name)
            b.emit(.getGlobal, dest, Int32(slot), info: InstructionInfo(span: span, name: name, builtin: builtin))
        }
    }

    /// The builtin an unassigned global of this name means, if any.
    private func builtinValue(named name: String) -> Value? {
        interpreter.registry.functions[name].map { Value.builtin(BoundBuiltin($0)) }
    }

    /// The register holding `node`'s value: a local's own register (no copy), else a new temporary.
    /// A temporary `preferred` (an instruction's destination whose operand this is) is used
    /// rather than a new one: the instruction reads the operand before writing its result.
    func emitOperand(_ node: Node, _ b: ChunkBuilder, preferring preferred: Int32? = nil) throws -> Operand {
        if case .name(let name) = node.kind, case .local(let slot) = resolve(name, b) {
            return Operand(register: Int32(slot), unchecked: slot < b.parameterCount ? nil : (name, node.span))
        }
        let r = preferred.flatMap { b.isTemporary($0) ? $0 : nil } ?? b.temp()
        try emit(node, b, into: r)
        return Operand(register: r, unchecked: nil)
    }

    /// Two operands evaluated left to right: when the right one can run code, an unassigned left
    /// variable is reported before it runs, as the closure compiler does.
    func emitOperands(_ l: Node, _ r: Node, _ b: ChunkBuilder, preferring preferred: Int32? = nil) throws -> (Operand, Operand) {
        var lo = try emitOperand(l, b, preferring: preferred)
        if !isSimple(r) {
            try requireAssigned(lo, b)
            lo = Operand(register: lo.register, unchecked: nil)
        }
        return (lo, try emitOperand(r, b))
    }

    /// Nodes that run no code of the user's and raise nothing but a name error.
    private func isSimple(_ node: Node) -> Bool {
        switch node.kind {
        case .literal, .name: true
        default: false
        }
    }

    func requireAssigned(_ o: Operand, _ b: ChunkBuilder) throws {
        if let (name, span) = o.unchecked {
            b.emit(.checkDefined, o.register, info: InstructionInfo(span: span, name: name))
        }
    }

    func operandInfo(_ l: Operand, _ r: Operand, span: SourceSpan, binary: BinaryOperator? = nil) -> InstructionInfo {
        let info = InstructionInfo(span: span, binary: binary)
        info.name = l.unchecked?.name
        info.spanB = l.unchecked?.span
        info.nameC = r.unchecked?.name
        info.spanC = r.unchecked?.span
        return info
    }

    func emitAssign(_ target: Target, _ value: Node, _ b: ChunkBuilder) throws {
        let mark = b.mark
        defer { b.release(to: mark) }
        guard case .name(let name, _) = target else {
            let store = try compileTargetStore(target)
            let r = b.temp()
            try emit(value, b, into: r)
            b.chunk.stores.append(StoreRef(run: store))
            b.emit(.treeStore, r, Int32(b.chunk.stores.count - 1), info: InstructionInfo(span: target.span))
            return
        }
        switch resolve(name, b) {
        case .local(let slot):
            try emit(value, b, into: Int32(slot))
        case .enclosing(let depth, let slot):
            let r = b.temp()
            try emit(value, b, into: r)
            b.emit(.setEnclosing, r, Int32(depth), Int32(slot), info: InstructionInfo(name: name))
        case .global(let slot):
            let r = b.temp()
            try emit(value, b, into: r)
            b.emit(.setGlobal, r, Int32(slot), info: InstructionInfo(name: name))
        }
    }

    /// Stores register `r` into a loop's target.
    func emitStore(_ target: Target, from r: Int32, _ b: ChunkBuilder) throws {
        guard case .name(let name, _) = target else {
            let store = try compileTargetStore(target)
            b.chunk.stores.append(StoreRef(run: store))
            b.emit(.treeStore, r, Int32(b.chunk.stores.count - 1), info: InstructionInfo(span: target.span))
            return
        }
        switch resolve(name, b) {
        case .local(let slot): if Int32(slot) != r { b.emit(.move, Int32(slot), r) }
        case .enclosing(let depth, let slot): b.emit(.setEnclosing, r, Int32(depth), Int32(slot), info: InstructionInfo(name: name))
        case .global(let slot): b.emit(.setGlobal, r, Int32(slot), info: InstructionInfo(name: name))
        }
    }

    func emitAugmentedAssign(_ name: String, _ nameSpan: SourceSpan, _ op: BinaryOperator, _ value: Node, _ span: SourceSpan, _ b: ChunkBuilder) throws {
        let mark = b.mark
        defer { b.release(to: mark) }
        let current: Operand
        if case .local(let slot) = resolve(name, b) {
            current = Operand(register: Int32(slot), unchecked: slot < b.parameterCount ? nil : (name, nameSpan))
        } else {
            let r = b.temp()
            try emitRead(name, nameSpan, b, into: r)
            current = Operand(register: r, unchecked: nil)
        }
        var lo = current
        if !isSimple(value) {
            try requireAssigned(lo, b)
            lo = Operand(register: lo.register, unchecked: nil)
        }
        let ro = try emitOperand(value, b)
        emitArithmetic(op, lo, ro, span, b, into: current.register)
        if case .local = resolve(name, b) { return }
        try emitStore(.name(name, nameSpan), from: current.register, b)
    }

    // MARK: expressions

    func emitBinary(_ op: BinaryOperator, _ l: Node, _ r: Node, _ span: SourceSpan, _ b: ChunkBuilder, into dest: Int32?) throws {
        let mark = b.mark
        defer { b.release(to: mark) }
        if case .literal(.int(let k)) = r.kind, let k32 = Int32(exactly: k), [.add, .subtract, .multiply, .modulo].contains(op) {
            let lo = try emitOperand(l, b, preferring: dest)
            let code: Op = op == .add ? .addInt : op == .subtract ? .subtractInt : op == .multiply ? .multiplyInt : .moduloInt
            b.emit(code, dest ?? b.temp(), lo.register, k32, info: operandInfo(lo, Operand(register: 0, unchecked: nil), span: span, binary: op))
            return
        }
        let (lo, ro) = try emitOperands(l, r, b, preferring: dest)
        emitArithmetic(op, lo, ro, span, b, into: dest ?? b.temp())
    }

    func emitArithmetic(_ op: BinaryOperator, _ lo: Operand, _ ro: Operand, _ span: SourceSpan, _ b: ChunkBuilder, into dest: Int32) {
        let code: Op
        switch op {
        case .add: code = .add
        case .subtract: code = .subtract
        case .multiply: code = .multiply
        case .modulo: code = .modulo
        case .floorDivide: code = .floorDivide
        default: code = .binary
        }
        b.emit(code, dest, lo.register, ro.register, info: operandInfo(lo, ro, span: span, binary: op))
    }

    /// A condition: returns the jumps to patch to where its false branch goes.
    func emitTest(_ condition: Node, _ b: ChunkBuilder) throws -> [Int] {
        let mark = b.mark
        defer { b.release(to: mark) }
        if case .compare(let ops, let operands) = condition.kind, ops.count == 1, case .op(let op) = ops[0], op != .contains {
            let span = operands[0].span.through(operands[1].span)
            if case .literal(.int(let k)) = operands[1].kind, let k32 = Int32(exactly: k) {
                let lo = try emitOperand(operands[0], b)
                return [b.emit(.jumpUnlessCompareInt, x: ComparisonCode(op).rawValue, 0, lo.register, k32,
                               info: operandInfo(lo, Operand(register: 0, unchecked: nil), span: span, binary: op))]
            }
            let (lo, ro) = try emitOperands(operands[0], operands[1], b)
            return [b.emit(.jumpUnlessCompare, x: ComparisonCode(op).rawValue, 0, lo.register, ro.register,
                           info: operandInfo(lo, ro, span: span, binary: op))]
        }
        let o = try emitOperand(condition, b)
        try requireAssigned(o, b)
        return [b.emit(.jumpIfFalse, o.register, 0, info: InstructionInfo(span: condition.span))]
    }

    func emitFor(_ target: Target, _ iterable: Node, _ body: Node, _ b: ChunkBuilder) throws {
        let mark = b.mark
        defer { b.release(to: mark) }
        // Three registers of iteration state; the sequence is computed into the first.
        let state = b.temp()
        _ = b.temp()
        _ = b.temp()
        try emit(iterable, b, into: state)
        b.emit(.forPrep, state, info: InstructionInfo(span: iterable.span))
        let outermost = b.pendingPromotion != nil
        beginPromotion(b)
        var item: Int32
        if case .name(let name, _) = target, case .local(let slot) = resolve(name, b) {
            item = Int32(slot)
        } else {
            item = b.temp()
        }
        let top = b.here
        let next = b.emit(.forNext, item, state, 0, info: InstructionInfo(span: iterable.span))
        try emitStore(target, from: item, b)
        try emitLoopBody(body, top: top, exits: [next], b)
        if outermost { endPromotion(b) }
    }

    /// A loop's body and its jump back to `top`; `exits` and the body's `break`s are patched to
    /// the instruction after it, its `continue`s go to `top`.
    func emitLoopBody(_ body: Node, top: Int32, exits: [Int], _ b: ChunkBuilder) throws {
        b.loops.append((Int(top), []))
        loopDepth += 1
        try emit(body, b, into: nil)
        loopDepth -= 1
        b.emit(.jump, top)
        let loop = b.loops.removeLast()
        for j in exits + loop.breaks { b.patchJump(j, to: b.here) }
    }
}

extension ChunkBuilder {
    /// A temporary holding a constant, for instructions that take registers only.
    func constantRegister(_ v: Value) -> Int32 {
        let r = temp()
        emit(.loadConst, r, constant(v))
        return r
    }
}

extension CompareOp {
    var binaryOperator: BinaryOperator? {
        if case .op(let op) = self { return op }
        return nil
    }
}

extension IndexItem {
    var singleNode: Node? {
        if case .single(let n) = self { return n }
        return nil
    }
}

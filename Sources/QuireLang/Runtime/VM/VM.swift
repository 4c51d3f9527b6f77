import QuireSupport

/// The register VM: runs a `Chunk` on a frame's registers.
///
/// Ints, floats and bools take fast paths written here; everything else, and every error, goes
/// through the same `Operators` and `Interpreter` functions the closure compiler calls, with the
/// same source spans, so results and messages do not depend on which compiler ran the code.
extension Interpreter {
    func execute(_ chunk: Chunk, _ frame: Frame, _ regs: UnsafeMutablePointer<Value>) throws -> Value {
        // Once no call runs on the register stack, nothing borrows a function a global lost.
        defer { if registerStack.callCount == 0 { globals.releaseRetired() } }
        guard let slots = chunk.globalSlots else { return try run(chunk, frame, regs) }
        do {
            return try run(chunk, frame, regs)
        } catch {
            // The loop stopped inside: its globals keep the values they had there.
            if case .int(1) = regs[chunk.registerCount - 1] {
                for (r, slot) in slots.enumerated() { globals[slot] = regs[r] }
            }
            throw error
        }
    }

    /// Runs `entry` on `entryRegs`. `frame` is nil for a chunk that needs none (`Chunk.needsFrame`).
    ///
    /// A call to a Quire function that needs no frame object does not recurse: it pushes a
    /// `CallRecord`, takes the next window of the register stack, and the loop goes on in the
    /// callee's code, as Lua does; its `end` pops the record and resumes the caller. Only the
    /// entry chunk can need `frame` (closure-compiled pieces, enclosing variables), since a chunk
    /// that does is never entered this way. An error unwinds the records pushed here, adding
    /// each call to the error's call stack, as `invoke` does for a call with a frame.
    private func run(_ entry: Chunk, _ frame: Frame?, _ entryRegs: UnsafeMutablePointer<Value>) throws -> Value {
        let stack = registerStack
        let baseCall = stack.callCount
        let token = cancellation
        // Not counted: the entry is held by the caller, and each callee's chunk by its function,
        // which the caller's register holds (`call`) or its global, which keeps a function it
        // loses while calls run (`GlobalTable.retired`).
        var running = Unmanaged.passUnretained(entry)
        var code = entry.instructions!
        var regs = entryRegs
        var ip = code
        do {
        while true {
            let ins = ip.pointee
            ip += 1
            switch ins.op {
            case .loadConst:
                regs[ins.ra] = running.chunk.constants[ins.rb]
            case .move:
                regs[ins.ra] = regs[ins.rb]
            case .moveChecked:
                let v = regs[ins.rb]
                if case .undefined = v { throw unassignedError(running.chunk, ip - code - 1) }
                regs[ins.ra] = v
            case .checkDefined:
                if case .undefined = regs[ins.ra] { throw unassignedError(running.chunk, ip - code - 1) }
            case .getGlobal:
                let v = globals[ins.rb]
                if case .undefined = v {
                    let info = running.chunk.info[ip - code - 1]
                    if let builtin = info.builtin {
                        regs[ins.ra] = builtin
                    } else {
                        throw undefinedName(info.name!, info.span!)
                    }
                } else {
                    regs[ins.ra] = v
                }
            case .setGlobal:
                globals[ins.rb] = regs[ins.ra]
            case .getEnclosing:
                var f = frame!
                for _ in 0..<ins.b { f = f.parent! }
                let v = f[Int(ins.c)]
                if case .undefined = v {
                    let info = running.chunk.info[ip - code - 1]
                    throw unassigned(info.name!, info.span!)
                }
                regs[ins.ra] = v
            case .setEnclosing:
                var f = frame!
                for _ in 0..<ins.b { f = f.parent! }
                f[Int(ins.c)] = regs[ins.ra]
            case .add:
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)] {
                    let (s, o) = x.addingReportingOverflow(y)
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                } else if case .double(let x) = regs[ins.rb], case .double(let y) = regs[Int(ins.c)] {
                    regs.setTrivial(ins.ra, .double(x + y))
                    continue
                } else if ins.a == ins.b, regs.appendString(ins.ra, Int(ins.c)) {
                    continue
                }
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .subtract:
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)] {
                    let (s, o) = x.subtractingReportingOverflow(y)
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                } else if case .double(let x) = regs[ins.rb], case .double(let y) = regs[Int(ins.c)] {
                    regs.setTrivial(ins.ra, .double(x - y))
                    continue
                }
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .multiply:
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)] {
                    let (s, o) = x.multipliedReportingOverflow(by: y)
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                } else if case .double(let x) = regs[ins.rb], case .double(let y) = regs[Int(ins.c)] {
                    regs.setTrivial(ins.ra, .double(x * y))
                    continue
                }
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .modulo:
                // Python's modulo takes the divisor's sign; for a positive divisor that is the
                // remainder made non-negative.
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)], y > 0 {
                    let m = x % y
                    regs.setTrivial(ins.ra, .int(m < 0 ? m + y : m))
                    continue
                }
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .floorDivide:
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)], y > 0 {
                    let q = x / y
                    regs.setTrivial(ins.ra, .int(x % y < 0 ? q - 1 : q))
                    continue
                }
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .addInt:
                if case .int(let x) = regs[ins.rb] {
                    let (s, o) = x.addingReportingOverflow(Int(ins.c))
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                }
                regs[ins.ra] = try slowBinaryConstant(running.chunk, ip - code - 1, regs, ins)
            case .subtractInt:
                if case .int(let x) = regs[ins.rb] {
                    let (s, o) = x.subtractingReportingOverflow(Int(ins.c))
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                }
                regs[ins.ra] = try slowBinaryConstant(running.chunk, ip - code - 1, regs, ins)
            case .moduloInt:
                if case .int(let x) = regs[ins.rb], ins.c > 0 {
                    let y = Int(ins.c)
                    let m = x % y
                    regs.setTrivial(ins.ra, .int(m < 0 ? m + y : m))
                    continue
                }
                regs[ins.ra] = try slowBinaryConstant(running.chunk, ip - code - 1, regs, ins)
            case .multiplyInt:
                if case .int(let x) = regs[ins.rb] {
                    let (s, o) = x.multipliedReportingOverflow(by: Int(ins.c))
                    if !o {
                        regs.setTrivial(ins.ra, .int(s))
                        continue
                    }
                }
                regs[ins.ra] = try slowBinaryConstant(running.chunk, ip - code - 1, regs, ins)
            case .binary:
                regs[ins.ra] = try slowBinary(running.chunk, ip - code - 1, regs, ins)
            case .compare:
                let comparison = ins.comparison
                if comparison != .other, case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)] {
                    regs.setTrivial(ins.ra, .bool(comparison.test(x, y)))
                    continue
                }
                let info = running.chunk.info[ip - code - 1]
                let (l, r) = try checkedOperands(running.chunk, info, regs, ins)
                do { regs[ins.ra] = try Operators.compare(info.binary!, l, r) } catch let e as QuireError { throw e.located(at: info.span!) }
            case .unary:
                let info = running.chunk.info[ip - code - 1]
                let v = regs[ins.rb]
                do { regs[ins.ra] = try unary(info.unary!, v, info.span!) } catch let e as QuireError { throw e.located(at: info.span!) }
            case .jump:
                ip = code + ins.ra
            case .jumpIfFalse:
                let v = regs[ins.ra]
                if case .bool(let t) = v {
                    if !t { ip = code + ins.rb }
                } else if !(try truth(v, running.chunk.info[ip - code - 1].span)) {
                    ip = code + ins.rb
                }
            case .jumpUnlessCompare:
                let comparison = ins.comparison
                if case .int(let x) = regs[ins.rb], case .int(let y) = regs[Int(ins.c)] {
                    if !comparison.test(x, y) { ip = code + ins.ra }
                    continue
                }
                let info = running.chunk.info[ip - code - 1]
                let (l, r) = try checkedOperands(running.chunk, info, regs, ins)
                if !(try compareTest(info, l, r)) { ip = code + ins.ra }
            case .jumpUnlessCompareInt:
                let comparison = ins.comparison
                if case .int(let x) = regs[ins.rb] {
                    if !comparison.test(x, Int(ins.c)) { ip = code + ins.ra }
                    continue
                }
                let info = running.chunk.info[ip - code - 1]
                let l = try checkedOperand(running.chunk, info, regs, ins)
                if !(try compareTest(info, l, .int(Int(ins.c)))) { ip = code + ins.ra }
            case .checkInterrupt:
                if token.isCancelled { try checkInterrupt(at: running.chunk.info[ip - code - 1].span!) }
            case .index:
                if case .list(let l) = regs[ins.rb], case .int(let k) = regs[Int(ins.c)], k >= 0, k < l.items.count {
                    regs[ins.ra] = l.items[k]
                    continue
                }
                let info = running.chunk.info[ip - code - 1]
                let (o, i) = try checkedOperands(running.chunk, info, regs, ins)
                do { regs[ins.ra] = try getIndex(o, i) } catch let e as QuireError { throw e.located(at: info.span!) }
            case .call:
                // The callee stays in its register until the call's result replaces it.
                if let entry = regs.stackCallee(ins.rb), entry.parameterCount == Int(ins.x),
                    stack.reserve(entry.size)
                {
                    try pushCall(stack, entry, ins, token, &running, &code, &regs, &ip)
                    continue
                }
                let callee = (regs + ins.rb).move()
                (regs + ins.rb).initialize(to: .undefined)
                regs[ins.ra] = try call(callee, running.chunk, ip - code - 1, regs, ins)
            case .callGlobal:
                if let entry = globals.stackCallee(ins.rb), entry.parameterCount == Int(ins.x),
                    stack.reserve(entry.size)
                {
                    try pushCall(stack, entry, ins, token, &running, &code, &regs, &ip)
                    continue
                }
                regs[ins.ra] = try callGlobal(running.chunk, ip - code - 1, regs, ins)
            case .tree:
                regs[ins.ra] = try running.chunk.trees[ins.rb].run(frame!)
                if unwind != .none { return .none }
            case .treeStore:
                try running.chunk.stores[ins.rb].run(frame!, regs[ins.ra])
            case .forPrep:
                let a = ins.ra
                switch regs[a] {
                case .object(let r as RangeObject):
                    regs[a] = .int(r.start)
                    regs[a + 1] = .int(r.count)
                    regs[a + 2] = .int(r.step)
                case .list:
                    regs[a + 1] = .int(0)
                default:
                    regs[a] = .list(ListBox(try iterate(regs[a], running.chunk.info[ip - code - 1].span)))
                    regs[a + 1] = .int(0)
                }
            case .forNext:
                let s = ins.rb
                let item: Value
                if case .int(let next) = regs[s] {
                    guard case .int(let remaining) = regs[s + 1], remaining > 0, case .int(let step) = regs[s + 2] else {
                        ip = code + Int(ins.c)
                        continue
                    }
                    item = .int(next)
                    regs.setTrivial(s, .int(next &+ step))
                    regs.setTrivial(s + 1, .int(remaining - 1))
                } else {
                    guard case .list(let l) = regs[s], case .int(let i) = regs[s + 1], i < l.items.count else {
                        ip = code + Int(ins.c)
                        continue
                    }
                    item = l.items[i]
                    regs.setTrivial(s + 1, .int(i + 1))
                }
                if token.isCancelled { try checkInterrupt(at: running.chunk.info[ip - code - 1].span!) }
                regs[ins.ra] = item
            case .promote:
                for (r, slot) in running.chunk.globalSlots!.enumerated() { regs[r] = globals[slot] }
                regs[running.chunk.registerCount - 1] = .int(1)
            case .demote:
                for (r, slot) in running.chunk.globalSlots!.enumerated() { globals[slot] = regs[r] }
                regs[running.chunk.registerCount - 1] = .int(0)
            case .returnValue:
                if stack.callCount == baseCall {
                    returnValue = regs[ins.ra]
                    unwind = .returning
                    return .none
                }
                returnFromCall(stack, &running, &code, &regs, &ip, result: regs + ins.ra)
            case .end:
                if stack.callCount == baseCall {
                    guard !ins.endsWithoutValue else { return .none }
                    // The register is not read again: its value moves out.
                    let v = (regs + ins.ra).move()
                    (regs + ins.ra).initialize(to: .vacated)
                    return v
                }
                returnFromCall(stack, &running, &code, &regs, &ip, result: ins.endsWithoutValue ? nil : regs + ins.ra)
            }
        }
        } catch {
            var error = error
            // An argument of a global's call failed where the callee, read first, would have.
            if error is QuireError, let pending = running.chunk.info[ip - code - 1].pendingCallee,
                globals.isUndefined(pending.slot), !pending.hasBuiltin
            {
                error = undefinedName(pending.name, pending.span)
            }
            // Unwind the calls this run pushed, innermost first, releasing their windows.
            while stack.callCount > baseCall {
                let record = stack.popRecord()
                stack.release(window: regs, size: record.size)
                if let e = error as? QuireError {
                    error = failedCall(e, running.chunk.name, record.chunk.chunk.callSpan(record.ip - record.code - 1))
                }
                running = record.chunk
                regs = record.regs
            }
            throw error
        }
    }

    /// Starts a call on the register stack: the arguments move into the callee's window, its
    /// other variables start unassigned, a record keeps where the caller resumes, and the loop
    /// goes on at the callee's first instruction. The window's temporaries keep what they hold
    /// (never an object: see `RegisterStack`), as the callee's code writes each before reading it.
    @inline(__always)
    private func pushCall(
        _ stack: RegisterStack, _ entry: StackEntry, _ ins: Instruction,
        _ token: CancellationToken, _ running: inout Unmanaged<Chunk>, _ code: inout UnsafeMutablePointer<Instruction>,
        _ regs: inout UnsafeMutablePointer<Value>, _ ip: inout UnsafeMutablePointer<Instruction>
    ) throws {
        // The depth counts this call with the records (see `enterCall`).
        if depth &+ stack.callCount >= maxCallDepth || token.isCancelled { try refuseCall(running.chunk, ip - code - 1) }
        let window = stack.top
        var argument = regs + Int(ins.c)
        var register = window
        let parametersEnd = window + entry.parameterCount
        while register < parametersEnd {
            register.initialize(to: argument.move())
            argument.initialize(to: .vacated)
            register += 1
            argument += 1
        }
        let localsEnd = window + entry.localCount
        while register < localsEnd {
            register.initialize(to: .undefined)
            register += 1
        }
        stack.top += entry.size
        (stack.calls + stack.callCount).initialize(to: CallRecord(chunk: running, code: code, regs: regs, ip: ip, size: entry.size))
        stack.callCount &+= 1
        running = entry.chunk
        code = entry.code
        regs = window
        ip = entry.code
    }

    /// The end of a call pushed by `run`: the value of the callee's register `result` (none when
    /// nil) moves to the register `a` of the caller's call instruction, the callee's window lets go
    /// of its objects, and the caller resumes after the call.
    @inline(__always)
    private func returnFromCall(
        _ stack: RegisterStack, _ chunk: inout Unmanaged<Chunk>, _ code: inout UnsafeMutablePointer<Instruction>,
        _ regs: inout UnsafeMutablePointer<Value>, _ ip: inout UnsafeMutablePointer<Instruction>,
        result: UnsafeMutablePointer<Value>?
    ) {
        let record = stack.popRecord()
        let destination = record.regs + (record.ip - 1).pointee.ra
        if let result {
            destination.assign(0, result.move())
            result.initialize(to: .vacated)
        } else {
            destination.assign(0, .none)
        }
        stack.release(window: regs, size: record.size)
        chunk = record.chunk
        code = record.code
        regs = record.regs
        ip = record.ip
    }

    /// A `callGlobal` that does not run on the register stack: the global's value, or the
    /// builtin of its name, called as `call` calls it.
    @inline(never)
    private func callGlobal(_ chunk: Chunk, _ pc: Int, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> Value {
        var callee = globals[ins.rb]
        if case .undefined = callee {
            let info = chunk.info[pc]
            guard let builtin = info.builtin else { throw undefinedName(info.name!, info.spanB!) }
            callee = builtin
        }
        return try call(callee, chunk, pc, regs, ins)
    }

    /// A call refused before it starts: too deep, or a stop was asked for.
    @inline(never)
    private func refuseCall(_ chunk: Chunk, _ pc: Int) throws {
        try enterCall(chunk.callSpan(pc))
        depth -= 1
    }

    // MARK: slow paths

    private func unassignedError(_ chunk: Chunk, _ pc: Int) -> QuireError {
        let info = chunk.info[pc]
        return missing(chunk, info.name!, info.span!)
    }

    /// A variable read before it has a value: a local read too early, or, in a loop whose
    /// globals live in registers, a global that is not defined.
    private func missing(_ chunk: Chunk, _ name: String, _ span: SourceSpan) -> QuireError {
        chunk.globalSlots == nil ? unassigned(name, span) : undefinedName(name, span)
    }

    /// Operands b and c, after checking that the variables they read are assigned.
    @inline(never)
    private func checkedOperands(_ chunk: Chunk, _ info: InstructionInfo, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> (Value, Value) {
        let l = try checkedOperand(chunk, info, regs, ins)
        let r = regs[Int(ins.c)]
        if let name = info.nameC, case .undefined = r { throw missing(chunk, name, info.spanC!) }
        return (l, r)
    }

    @inline(never)
    private func checkedOperand(_ chunk: Chunk, _ info: InstructionInfo, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> Value {
        let l = regs[ins.rb]
        if let name = info.name, case .undefined = l { throw missing(chunk, name, info.spanB!) }
        return l
    }

    @inline(never)
    private func slowBinary(_ chunk: Chunk, _ pc: Int, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> Value {
        let info = chunk.info[pc]
        let (l, r) = try checkedOperands(chunk, info, regs, ins)
        do { return try Operators.binary(info.binary!, l, r) } catch let e as QuireError { throw e.located(at: info.span!) }
    }

    @inline(never)
    private func slowBinaryConstant(_ chunk: Chunk, _ pc: Int, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> Value {
        let info = chunk.info[pc]
        let l = try checkedOperand(chunk, info, regs, ins)
        do { return try Operators.binary(info.binary!, l, .int(Int(ins.c))) } catch let e as QuireError { throw e.located(at: info.span!) }
    }

    /// A condition's comparison that is not of two ints.
    @inline(never)
    private func compareTest(_ info: InstructionInfo, _ l: Value, _ r: Value) throws -> Bool {
        do {
            let v = try Operators.compare(info.binary!, l, r)
            if case .bool(let t) = v { return t }
            return try truth(v, info.span)
        } catch let e as QuireError { throw e.located(at: info.span!) }
    }

    /// A call that does not run on the register stack (the callee moved out of its register): a
    /// Quire function that needs a frame object, takes defaults, or finds the stack full gets a
    /// frame filled from the argument registers; anything else goes through `callValue`.
    @inline(never)
    private func call(_ callee: consuming Value, _ chunk: Chunk, _ pc: Int, _ regs: UnsafeMutablePointer<Value>, _ ins: Instruction) throws -> Value {
        let count = Int(ins.x)
        let first = Int(ins.c)
        switch consume callee {
        case .function(let fn) where fn.code.parameterCount == count:
            var frame = fn.code.makeFrame(parent: fn.parent)
            frame.withUnsafeMutablePointerToElements { slots in
                for i in 0..<count { slots[i] = regs[first + i] }
            }
            let result = try invoke(fn, frame, chunk.callSpan(pc))
            fn.code.recycle(&frame)
            return result
        case let other:
            let info = chunk.info[pc]
            let arguments = (0..<count).map { regs[first + $0] }
            return try callValue(other, arguments, keywords: [], spans: info.argumentSpans)
        }
    }
}

extension Value {
    /// What a register holds once its value has moved out and nothing reads it again before a
    /// write (a call's arguments, the result of `end` or `return`): a plain int, which the stores
    /// and checks of the VM pass over fastest, where `.undefined` takes them a second test.
    static var vacated: Value { .int(0) }
}

extension Unmanaged where Instance == Chunk {
    /// The chunk, borrowed: the VM keeps the chunk it runs unretained (see `run`).
    var chunk: Chunk { takeUnretainedValue() }
}

extension Chunk {
    /// The span of the call at `pc`.
    func callSpan(_ pc: Int) -> SourceSpan { info[pc].argumentSpans!.call }
}

extension UnsafeMutablePointer where Pointee == Value {
    /// Registers 0 ..< count let go of the objects they hold, which become unassigned; the
    /// others keep their ints, floats, bools and nones (see `RegisterStack`).
    @inline(__always)
    func clearObjects(_ count: Int) {
        var i = 0
        while i < count {
            switch self[i] {
            case .none, .bool, .int, .double, .undefined: break
            default: self[i] = .undefined
            }
            i &+= 1
        }
    }

    /// `s = s + t` on strings (also `s += t`), where the sum replaces the left operand's own
    /// register: the string is moved out of the register, appended to and put back, so that one
    /// held nowhere else grows in place (amortised), as CPython's `s = s + t` does, where a new
    /// sum would copy all of `s` at every step. False, changing nothing, when either is not a
    /// string.
    @inline(never)
    func appendString(_ a: Int, _ c: Int) -> Bool {
        guard case .string = self[a], case .string(let tail) = self[c] else { return false }
        var head = Self.takeString((self + a).move())
        head += tail
        (self + a).initialize(to: .string(head))
        return true
    }

    /// The string a value holds, taken over rather than copied (a copy would share the storage,
    /// and the append would then copy it). Only called on a value just checked to be a string.
    private static func takeString(_ value: consuming Value) -> String {
        switch consume value {
        case .string(let s): return s
        default: preconditionFailure("takeString on a value that is not a string")
        }
    }

    /// The function in register i and its stack entry, read in place (no reference is counted),
    /// or nil when it holds something else or a function that needs a frame.
    @inline(__always)
    func stackCallee(_ i: Int) -> StackEntry? {
        if case .function(let fn) = self[i] { return fn.stackEntry }
        return nil
    }

    /// Stores a value into register i: a plain write when the register holds no object.
    @inline(__always)
    func assign(_ i: Int, _ v: consuming Value) {
        switch self[i] {
        case .none, .bool, .int, .double, .undefined: (self + i).initialize(to: v)
        default: self[i] = v
        }
    }

    /// Stores an int, float or bool: when the register holds no object either, there is nothing
    /// to release, and the store is a plain write.
    @inline(__always)
    func setTrivial(_ i: Int, _ v: Value) {
        switch self[i] {
        case .none, .bool, .int, .double, .undefined: (self + i).initialize(to: v)
        default: self[i] = v
        }
    }
}

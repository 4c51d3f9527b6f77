/// Turns a syntax tree into Swift closures with every variable resolved to a slot, so running
/// code never looks a name up in a dictionary.
final class Compiler {
    unowned let interpreter: Interpreter
    var scope: Scope?
    var loopDepth = 0
    var functionDepth = 0
    /// The bytecode chunks compiled so far, in order (`quire --disassemble`).
    var compiledChunks: [Chunk] = []

    init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    enum VariableRef {
        case local(Int)
        case enclosing(depth: Int, slot: Int)
        case global(Int)
    }

    func resolve(_ name: String) -> VariableRef {
        if let scope, let found = scope.lookup(name) {
            return found.depth == 0 ? .local(found.slot) : .enclosing(depth: found.depth, slot: found.slot)
        }
        return .global(interpreter.globals.slot(for: name))
    }

    func compileProgram(_ program: Program) throws -> CompiledProgram {
        let body = try compileBlock(program.statements)
        return CompiledProgram(body: body, frame: Frame.make(slotCount: 0, parent: nil))
    }

    /// A sequence of statements; its value is the last statement's.
    func compileBlock(_ statements: [Node]) throws -> Code {
        let interp = interpreter
        switch statements.count {
        case 0: return { _ in .none }
        case 1: return try compile(statements[0])
        case 2:
            let a = try compile(statements[0])
            let b = try compile(statements[1])
            return { f in
                _ = try a(f)
                if interp.unwind != .none { return .none }
                return try b(f)
            }
        default:
            // Wrapped in a struct: a closure stored directly in an array is called through a
            // reabstraction thunk.
            let codes = try statements.map { CodeRef(run: try compile($0)) }
            return { f in
                var last = Value.none
                for c in codes {
                    last = try c.run(f)
                    if interp.unwind != .none { return .none }
                }
                return last
            }
        }
    }

    func compile(_ node: Node) throws -> Code {
        switch node.kind {
        case .literal(let v): return { _ in v }
        case .name(let n): return compileRead(n, node.span)
        case .block(let statements): return try compileBlock(statements)
        case .assign(let target, let value): return try compileAssign(target, try compile(value))
        case .augmentedAssign(let target, let op, let value):
            return try compileAugmentedAssign(target, op, value, node.span)
        case .ifElse(let c, let t, let e): return try compileIf(c, t, e)
        case .whileLoop where scope == nil && loopDepth == 0, .forLoop where scope == nil && loopDepth == 0:
            // A top-level loop runs as bytecode; its body's names are globals.
            return try compileBytecodeLoop(node)
        case .whileLoop(let c, let b): return try compileWhile(c, b)
        case .forLoop(let t, let iterable, let body): return try compileFor(t, iterable, body, node.span)
        case .breakLoop, .continueLoop:
            let isBreak: Bool
            if case .breakLoop = node.kind { isBreak = true } else { isBreak = false }
            guard loopDepth > 0 else {
                throw QuireError(.syntax, "\(isBreak ? "break" : "continue") outside a loop", span: node.span)
            }
            let interp = interpreter
            let state: Interpreter.Unwind = isBreak ? .breaking : .continuing
            return { _ in
                interp.unwind = state
                return .none
            }
        case .returnValue(let value):
            guard functionDepth > 0 else {
                throw QuireError(.syntax, "return outside a function", hint: "a program's or cell's last expression is its result", span: node.span)
            }
            let code = try value.map(compile)
            let interp = interpreter
            return { f in
                let v = try code?(f) ?? .none
                interp.returnValue = v
                interp.unwind = .returning
                return .none
            }
        case .global(let names):
            if functionDepth == 0 {
                throw QuireError(.syntax, "global is only meaningful inside a function", span: node.span)
            }
            for n in names { _ = interpreter.globals.slot(for: n) }
            return { _ in .none }
        case .pass: return { _ in .none }
        case .functionDef(let name, let decl):
            let make = try compileFunction(decl)
            let assign = try compileAssign(.name(name, decl.span), make)
            return { f in
                _ = try assign(f)
                return .none
            }
        case .function(let decl): return try compileFunction(decl)
        case .importFile(let path): return compileImport(path, node.span)
        case .pythonImport(let modules):
            let stores = try interpreter.pythonImport(modules).map { (compileStore($0.alias), $0.value) }
            return { f in
                for (store, value) in stores { store(f, value) }
                return .none
            }
        case .pythonFromImport(let module, let names):
            let stores = try interpreter.pythonFromImport(module, names, node.span).map { (compileStore($0.alias), $0.value) }
            return { f in
                for (store, value) in stores { store(f, value) }
                return .none
            }
        case .assert(let condition, let message): return try compileAssert(condition, message, node.span)
        default: return try compileExpression(node)
        }
    }

    // MARK: variables

    func compileRead(_ name: String, _ span: SourceSpan) -> Code {
        let interp = interpreter
        switch resolve(name) {
        case .local(let slot):
            return { f in
                let v = f[slot]
                if case .undefined = v { throw interp.unassigned(name, span) }
                return v
            }
        case .enclosing(let depth, let slot):
            return { f in
                var frame = f
                for _ in 0..<depth { frame = frame.parent! }
                let v = frame[slot]
                if case .undefined = v { throw interp.unassigned(name, span) }
                return v
            }
        case .global(let slot):
            let globals = interpreter.globals
            let builtin = interpreter.registry.functions[name].map { Value.builtin(BoundBuiltin($0)) }
            return { _ in
                let v = globals[slot]
                if case .undefined = v {
                    if let builtin { return builtin }
                    throw interp.undefinedName(name, span)
                }
                return v
            }
        }
    }

    func compileStore(_ name: String) -> (Frame, Value) -> Void {
        switch resolve(name) {
        case .local(let slot):
            return { f, v in f[slot] = v }
        case .enclosing(let depth, let slot):
            return { f, v in
                var frame = f
                for _ in 0..<depth { frame = frame.parent! }
                frame[slot] = v
            }
        case .global(let slot):
            let globals = interpreter.globals
            return { _, v in globals[slot] = v }
        }
    }

    func compileAssign(_ target: Target, _ value: @escaping Code) throws -> Code {
        let store = try compileTargetStore(target)
        return { f in
            try store(f, try value(f))
            return .none
        }
    }

    /// How to store a value into an assignment target (a name, `x[i]`, `x.name`, or `a, b`).
    func compileTargetStore(_ target: Target) throws -> (Frame, Value) throws -> Void {
        switch target {
        case .name(let n, _):
            let store = compileStore(n)
            return { f, v in store(f, v) }
        case .index(let object, let items, let span):
            let obj = try compile(object)
            let index = try compileIndexValue(items)
            let interp = interpreter
            return { f, v in
                let o = try obj(f)
                let i = try index(f)
                do { try interp.setIndex(o, i, v) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .member(let object, let name, let span):
            let obj = try compile(object)
            let interp = interpreter
            return { f, v in
                do { try interp.setMember(try obj(f), name, v) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .tuple(let targets, let span):
            let stores = try targets.map(compileTargetStore)
            let interp = interpreter
            return { f, v in
                let items = try interp.unpack(v, count: stores.count, span: span)
                for (store, item) in zip(stores, items) { try store(f, item) }
            }
        }
    }

    func compileAugmentedAssign(_ target: Target, _ op: BinaryOperator, _ value: Node, _ span: SourceSpan) throws -> Code {
        let read: Code
        switch target {
        case .name(let n, let s): read = compileRead(n, s)
        case .index(let o, let items, let s): read = try compile(Node(.index(o, items), s))
        case .member(let o, let name, let s): read = try compile(Node(.member(o, name, s), s))
        case .tuple: throw QuireError(.syntax, "cannot use \(op.rawValue)= with several targets", span: span)
        }
        let rhs = try compile(value)
        let store = try compileTargetStore(target)
        return { f in
            let l = try read(f)
            let r = try rhs(f)
            let result: Value
            if case .int(let a) = l, case .int(let b) = r, op == .add {
                let (s, o) = a.addingReportingOverflow(b)
                result = o ? try Operators.intOp(op, a, b) : .int(s)
            } else {
                do { result = try Operators.binary(op, l, r) } catch let e as QuireError { throw e.located(at: span) }
            }
            try store(f, result)
            return .none
        }
    }

    // MARK: control flow

    func truthTest(_ node: Node) throws -> (Frame) throws -> Bool {
        if case .compare(let ops, let operands) = node.kind, ops.count == 1, case .op(let op) = ops[0],
            op != .contains
        {
            return try compileComparisonTest(op, operands[0], operands[1])
        }
        let code = try compile(node)
        let interp = interpreter
        let span = node.span
        return { f in
            let v = try code(f)
            if case .bool(let b) = v { return b }
            return try interp.truth(v, span)
        }
    }

    func compileIf(_ condition: Node, _ then: Node, _ otherwise: Node?) throws -> Code {
        let test = try truthTest(condition)
        let thenCode = try compile(then)
        guard let otherwise else {
            return { f in try test(f) ? try thenCode(f) : .none }
        }
        let elseCode = try compile(otherwise)
        return { f in try test(f) ? try thenCode(f) : try elseCode(f) }
    }

    func compileWhile(_ condition: Node, _ body: Node) throws -> Code {
        let span = condition.span
        let test = try truthTest(condition)
        loopDepth += 1
        let bodyCode = try compile(body)
        loopDepth -= 1
        let interp = interpreter
        return { f in
            while try test(f) {
                try interp.checkInterrupt(at: span)
                _ = try bodyCode(f)
                if interp.unwind != .none {
                    if interp.unwind == .breaking {
                        interp.unwind = .none
                        break
                    }
                    if interp.unwind == .continuing {
                        interp.unwind = .none
                        continue
                    }
                    return .none
                }
            }
            return .none
        }
    }

    func compileFor(_ target: Target, _ iterable: Node, _ body: Node, _ span: SourceSpan) throws -> Code {
        let store = try compileTargetStore(target)
        let iter = try compile(iterable)
        loopDepth += 1
        let bodyCode = try compile(body)
        loopDepth -= 1
        let interp = interpreter
        let iterSpan = iterable.span
        return { f in
            let sequence = try iter(f)
            // Returns false when the loop must stop (break or return).
            func step(_ item: Value) throws -> Bool {
                try interp.checkInterrupt(at: iterSpan)
                try store(f, item)
                _ = try bodyCode(f)
                switch interp.unwind {
                case .none: return true
                case .continuing:
                    interp.unwind = .none
                    return true
                case .breaking:
                    interp.unwind = .none
                    return false
                case .returning: return false
                }
            }
            switch sequence {
            case .object(let r as RangeObject):
                for i in r.range where !(try step(.int(i))) { break }
            case .list(let l):
                var i = 0
                while i < l.items.count {
                    if !(try step(l.items[i])) { break }
                    i += 1
                }
            default:
                for item in try interp.iterate(sequence, iterSpan) where !(try step(item)) { break }
            }
            return .none
        }
    }

    func compileAssert(_ condition: Node, _ message: Node?, _ span: SourceSpan) throws -> Code {
        let test = try truthTest(condition)
        let messageCode = try message.map(compile)
        let condSpan = condition.span
        return { f in
            if try !test(f) {
                var text = "assertion failed"
                if let messageCode { text += ": " + Printer.str(try messageCode(f)) }
                throw QuireError(.assertion, text, span: condSpan)
            }
            return .none
        }
    }

    /// The object of `object.member`: when it is an undefined `pd`, `np`, `plt`, `sns`, `cv2`
    /// or an alias imported (`import pandas as pandas_lib`), the library, whose members are
    /// Quire's builtins (docs/python.md).
    func compileReceiver(_ object: Node, member: String) throws -> Code {
        let code = try compile(object)
        guard case .name(let alias) = object.kind, let library = interpreter.pythonLibrary(alias: alias) else { return code }
        let module = Value.object(PythonModule(library, alias: alias))
        return { f in
            do { return try code(f) } catch let e as QuireError where e.kind == .name {
                return module
            }
        }
    }

    func compileImport(_ path: String, _ span: SourceSpan) -> Code {
        let interp = interpreter
        return { _ in
            try interp.importFile(path, span)
            return .none
        }
    }

    // MARK: functions

    /// Compiles a `fn`; the code makes a new function value closing over the current frame.
    func compileFunction(_ decl: FunctionDecl) throws -> Code {
        let parameterNames = decl.parameters.map(\.name)
        let defaults = try decl.parameters.compactMap { p in try p.defaultValue.map(compile) }
        let outerScope = scope
        let outerLoops = loopDepth
        let inner = Scope(parent: scope, parameters: parameterNames, body: decl.body)
        scope = inner
        loopDepth = 0
        functionDepth += 1
        defer {
            scope = outerScope
            loopDepth = outerLoops
            functionDepth -= 1
        }
        let (body, registerCount) = try compileBytecodeBody(decl.body, name: decl.name, scope: inner, parameterCount: parameterNames.count)
        let code = FunctionCode(
            name: decl.name, parameterNames: parameterNames, requiredCount: decl.parameters.count - defaults.count,
            slotCount: registerCount, slotNames: inner.names, body: body, span: decl.span)
        code.chunk = compiledChunks.last
        let closesOver = outerScope != nil
        return { f in
            let values = try defaults.map { try $0(f) }
            return .function(Function(name: decl.name, code: code, parent: closesOver ? f : nil, defaults: values))
        }
    }
}

/// The variables of one function, resolved before it runs (Julia's rules, see docs/language.md):
/// a name assigned in a function is local to it, unless an enclosing function already has it
/// (then the closure updates that one) or the function declares it `global`.
final class Scope {
    let parent: Scope?
    private(set) var slots: [String: Int] = [:]
    private(set) var names: [String] = []
    let declaredGlobal: Set<String>

    init(parent: Scope?, parameters: [String], body: Node) {
        self.parent = parent
        var globals: Set<String> = []
        var assigned: [String] = []
        Scope.collect(body, assigned: &assigned, globals: &globals)
        declaredGlobal = globals
        for p in parameters { _ = add(p) }
        for name in assigned where slots[name] == nil && !globals.contains(name) {
            if parent?.lookup(name) == nil { _ = add(name) }
        }
    }

    private func add(_ name: String) -> Int {
        if let i = slots[name] { return i }
        slots[name] = names.count
        names.append(name)
        return names.count - 1
    }

    /// The depth (0 = this function) and slot of a name, if some enclosing function has it.
    func lookup(_ name: String) -> (depth: Int, slot: Int)? {
        if declaredGlobal.contains(name) { return nil }
        if let s = slots[name] { return (0, s) }
        guard let parent, let found = parent.lookup(name) else { return nil }
        return (found.depth + 1, found.slot)
    }

    var count: Int { names.count }

    /// Names assigned in `node`, not looking into nested functions' bodies.
    private static func collect(_ node: Node, assigned: inout [String], globals: inout Set<String>) {
        func target(_ t: Target) {
            switch t {
            case .name(let n, _): assigned.append(n)
            case .tuple(let ts, _): ts.forEach(target)
            case .index(let object, _, _), .member(let object, _, _): collect(object, assigned: &assigned, globals: &globals)
            }
        }
        switch node.kind {
        case .assign(let t, _), .augmentedAssign(let t, _, _): target(t)
        case .functionDef(let name, _): assigned.append(name)
        case .forLoop(let t, _, _): target(t)
        case .global(let names): globals.formUnion(names)
        case .listComprehension(_, let clauses), .dictComprehension(_, _, let clauses):
            for case .forIn(let t, _) in clauses { target(t) }
        default: break
        }
        for child in node.children { collect(child, assigned: &assigned, globals: &globals) }
    }
}

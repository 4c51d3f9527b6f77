/// Removes the prompts that tutorials print before code (`>>> `, `... `, `quire> `, `In [3]: `),
/// so that a session copied from a page can be pasted as it is.
public enum PastedPrompt {
    /// Prompts of Python, IPython and Quire itself. `...:` comes before `...` so that IPython's
    /// continuation loses its colon too.
    static let prompts = [">>>", "quire>", "...:", "..."]

    /// The line without a leading prompt (and the one space after it); other lines unchanged.
    public static func strip(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        for prompt in prompts where trimmed.hasPrefix(prompt) {
            if let rest = afterPrompt(trimmed.dropFirst(prompt.count)) { return rest }
        }
        if let rest = ipythonInput(trimmed) { return rest }
        return line
    }

    /// `In [12]: code` → `code`.
    static func ipythonInput(_ text: Substring) -> String? {
        guard text.hasPrefix("In [") else { return nil }
        let digits = text.dropFirst(4).prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let rest = text.dropFirst(4 + digits.count)
        guard rest.hasPrefix("]:") else { return nil }
        return afterPrompt(rest.dropFirst(2))
    }

    /// What follows a prompt: nothing, or a space and the code. Nil when the prompt is glued to
    /// more text (`...x`), which is then not a prompt.
    static func afterPrompt(_ rest: Substring) -> String? {
        if rest.isEmpty { return "" }
        if rest.first == " " { return String(rest.dropFirst()) }
        return nil
    }
}

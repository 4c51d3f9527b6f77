/// A tree drawn as boxes of text joined by lines (a decision tree, scikit-learn's plot_tree):
/// the root on top, each level one unit lower, leaves one unit apart.
public struct TreeDiagram: Sendable {
    public struct Node: Sendable {
        /// Centre in data units: x from 0 (the first leaf), y the depth.
        public var x: Double
        public var y: Double
        public var lines: [String]
        public var fill: RGBColor
    }

    public var nodes: [Node]
    /// (parent, child) pairs, as indices into `nodes`.
    public var edges: [(Int, Int)]

    /// Lays out a tree given each node's children (node 0 is the root): leaves in left-to-right
    /// order one unit apart, each parent centred over its first and last child.
    public init(children: [[Int]], lines: [[String]], fills: [RGBColor]) throws(PlotError) {
        let n = children.count
        guard n > 0, lines.count == n, fills.count == n else { throw .lengthMismatch(first: n, second: lines.count) }
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        var nextLeaf = 0.0
        var edges: [(Int, Int)] = []
        // Depth first without recursion; a node is placed after all its children.
        var stack: [(node: Int, depth: Int, expanded: Bool)] = [(0, 0, false)]
        var seen = [Bool](repeating: false, count: n)
        while let (node, depth, expanded) = stack.popLast() {
            guard (0..<n).contains(node) else { throw .badShape([node], expected: "child indices within the tree") }
            y[node] = Double(depth)
            let kids = children[node]
            if kids.isEmpty {
                x[node] = nextLeaf
                nextLeaf += 1
            } else if expanded {
                x[node] = (x[kids.first!] + x[kids.last!]) / 2
            } else {
                guard !seen[node] else { throw .badShape([node], expected: "a tree without cycles") }
                seen[node] = true
                stack.append((node, depth, true))
                for child in kids.reversed() {
                    edges.append((node, child))
                    stack.append((child, depth + 1, false))
                }
            }
        }
        nodes = (0..<n).map { Node(x: x[$0], y: y[$0], lines: lines[$0], fill: fills[$0]) }
        self.edges = edges
    }

    /// How many leaves wide and levels deep the drawing is.
    var width: Double { (nodes.map(\.x).max() ?? 0) + 1 }
    var depth: Double { (nodes.map(\.y).max() ?? 0) + 1 }
}

extension Figure {
    /// A tree diagram filling a figure whose size grows with the tree (up to `maxSize` inches).
    public static func tree(_ diagram: TreeDiagram, title: String? = nil, size: (width: Double, height: Double)? = nil) -> Figure {
        var axes = Axes()
        axes.marks = [.tree(diagram)]
        axes.xScale = .categorical([])
        axes.yScale = .categorical([])
        axes.xLimits = AxisRange(-0.5, diagram.width - 0.5)
        axes.yLimits = AxisRange(-0.5, diagram.depth - 0.5)
        axes.yInverted = true
        axes.frame = .plain
        axes.title = title
        let width = size?.width ?? min(max(6.4, 1.6 * diagram.width), 40)
        let height = size?.height ?? min(max(4.8, 1.4 * diagram.depth), 30)
        return Figure(width: width, height: height, axes: axes)
    }
}

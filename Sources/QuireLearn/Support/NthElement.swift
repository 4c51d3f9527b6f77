/// The C++ standard library's (libstdc++) `std::nth_element`, step by step: introselect with a
/// median-of-three pivot, then insertion sort of the last short range. scikit-learn's k-d tree
/// partitions with it, and the order it leaves decides which of equally near neighbours a search
/// meets first.
enum NthElement {
    /// Ranges at most this long are finished by insertion sort (libstdc++'s threshold).
    static let insertionThreshold = 3

    static func select(_ a: inout [Int], _ first: Int, _ nth: Int, _ last: Int, by less: (Int, Int) -> Bool) {
        guard first != last, nth != last else { return }
        var first = first, last = last
        var depthLimit = 2 * floorLog2(last - first)
        while last - first > insertionThreshold {
            if depthLimit == 0 {
                heapSelect(&a, first, nth + 1, last, less)
                a.swapAt(first, nth)
                return
            }
            depthLimit -= 1
            let cut = partitionPivot(&a, first, last, less)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(&a, first, last, less)
    }

    private static func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    private static func partitionPivot(_ a: inout [Int], _ first: Int, _ last: Int, _ less: (Int, Int) -> Bool) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(&a, first, first + 1, mid, last - 1, less)
        return unguardedPartition(&a, first + 1, last, first, less)
    }

    private static func moveMedianToFirst(_ a: inout [Int], _ result: Int, _ x: Int, _ y: Int, _ z: Int, _ less: (Int, Int) -> Bool) {
        if less(a[x], a[y]) {
            if less(a[y], a[z]) { a.swapAt(result, y) } else if less(a[x], a[z]) { a.swapAt(result, z) } else { a.swapAt(result, x) }
        } else if less(a[x], a[z]) {
            a.swapAt(result, x)
        } else if less(a[y], a[z]) {
            a.swapAt(result, z)
        } else {
            a.swapAt(result, y)
        }
    }

    private static func unguardedPartition(_ a: inout [Int], _ first: Int, _ last: Int, _ pivot: Int, _ less: (Int, Int) -> Bool) -> Int {
        var first = first, last = last
        while true {
            while less(a[first], a[pivot]) { first += 1 }
            last -= 1
            while less(a[pivot], a[last]) { last -= 1 }
            if !(first < last) { return first }
            a.swapAt(first, last)
            first += 1
        }
    }

    private static func insertionSort(_ a: inout [Int], _ first: Int, _ last: Int, _ less: (Int, Int) -> Bool) {
        guard first != last else { return }
        var i = first + 1
        while i != last {
            let value = a[i]
            if less(value, a[first]) {
                var j = i
                while j > first {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[first] = value
            } else {
                var j = i
                while less(value, a[j - 1]) {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = value
            }
            i += 1
        }
    }

    /// libstdc++'s `__heap_select`: a max-heap of the first `middle - first` elements, replaced
    /// by any smaller element of the rest.
    private static func heapSelect(_ a: inout [Int], _ first: Int, _ middle: Int, _ last: Int, _ less: (Int, Int) -> Bool) {
        let len = middle - first
        if len > 1 {
            var parent = (len - 2) / 2
            while true {
                adjustHeap(&a, first, parent, len, a[first + parent], less)
                if parent == 0 { break }
                parent -= 1
            }
        }
        var i = middle
        while i < last {
            if less(a[i], a[first]) {
                let value = a[i]
                a[i] = a[first]
                adjustHeap(&a, first, 0, len, value, less)
            }
            i += 1
        }
    }

    private static func adjustHeap(_ a: inout [Int], _ first: Int, _ hole: Int, _ len: Int, _ value: Int, _ less: (Int, Int) -> Bool) {
        let top = hole
        var hole = hole
        var child = hole
        while child < (len - 1) / 2 {
            child = 2 * (child + 1)
            if less(a[first + child], a[first + child - 1]) { child -= 1 }
            a[first + hole] = a[first + child]
            hole = child
        }
        if len & 1 == 0, child == (len - 2) / 2 {
            child = 2 * (child + 1)
            a[first + hole] = a[first + child - 1]
            hole = child - 1
        }
        var parent = (hole - 1) / 2
        while hole > top, less(a[first + parent], value) {
            a[first + hole] = a[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        a[first + hole] = value
    }
}

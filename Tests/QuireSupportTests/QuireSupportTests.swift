import Foundation
import Testing

@testable import QuireSupport

@Suite struct MemoryTests {
    @Test func elementCountMultipliesAndDetectsOverflow() {
        #expect(Memory.elementCount([]) == 1)
        #expect(Memory.elementCount([2, 3, 4]) == 24)
        #expect(Memory.elementCount([4_294_967_296, 4_294_967_296]) == nil)
        #expect(Memory.elementCount([1 << 62, 2]) == nil)
        // An empty array still has strides: its other dimensions must multiply without overflow.
        #expect(Memory.elementCount([1 << 30, 4, 0]) == 0)
        #expect(Memory.elementCount([1 << 62, 4, 0]) == nil)
    }

    @Test func shapeWhoseByteSizeOverflowsIsTooLarge() {
        // 2**61 elements fit in an Int, but not their 8 bytes each: the wrap the fill overran.
        #expect(throws: SizeError.self) { try Memory.reserve(shape: [1 << 61], elementSize: 8) }
        do {
            try Memory.reserve(shape: [4_294_967_296, 4_294_967_296], elementSize: 8)
            Issue.record("expected an error")
        } catch {
            guard case .tooLarge(.array(let shape), let bytes) = error else { Issue.record("got \(error)"); return }
            #expect(shape == [4_294_967_296, 4_294_967_296])
            #expect(bytes > 1e20)
        }
    }

    @Test func sizeBeyondPhysicalMemoryIsOutOfMemory() {
        let physical = Memory.available()
        do {
            try Memory.reserve(.array(shape: [physical]), count: physical, elementSize: 2)
            Issue.record("expected an error")
        } catch {
            guard case .outOfMemory(.array(let shape), let bytes, let room) = error else { Issue.record("got \(error)"); return }
            #expect(shape == [physical])
            #expect(bytes == physical * 2)
            #expect(room <= physical)
        }
    }

    @Test func smallAndModerateSizesPass() throws {
        #expect(try Memory.reserve(shape: [3, 4], elementSize: 8) == 12)
        #expect(try Memory.reserve(shape: [1000, 1000], elementSize: 8) == 1_000_000)
        #expect(try Memory.reserve(shape: [0, 1 << 40], elementSize: 8) == 0)
    }

    @Test func reserveRefusesWhatMallocCannotGive() throws {
        try Memory.reserve(.data(bytes: 1 << 20), bytes: 1 << 20)
        #expect(throws: SizeError.self) { try Memory.reserve(.data(bytes: Int.max), bytes: Int.max) }
    }

    @Test func availableIsPositiveAndWithinPhysicalMemory() {
        #expect(Memory.available() > 0)
        if let limit = Memory.addressSpaceLimit() { #expect(Memory.available() <= limit) }
    }

    /// glibc's malloc takes both settings (a 1 GB mmap threshold is within its limit on 64-bit);
    /// AddressSanitizer's allocator (scripts/sanitize.sh) refuses them, which changes nothing.
    @Test func mallocKeepsFreedBuffers() {
        let sanitized = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil  // RTLD_DEFAULT
        #expect(Memory.keepFreedBuffers() == !sanitized)
    }

    @Test func bytesAreDescribedForPeople() {
        #expect(Memory.describe(bytes: 80e9) == "80 GB")
        #expect(Memory.describe(bytes: 1.5e9) == "1.5 GB")
        #expect(Memory.describe(bytes: 512e6) == "512 MB")
        #expect(Memory.describe(bytes: 12) == "12 bytes")
        #expect(Memory.describe(bytes: 1.5e20) == "1.5e+11 GB")
    }
}

@Suite struct CheckedTests {
    @Test func doublesConvertOnlyWhenTheyFit() {
        #expect(Checked.int(3.9) == 3)
        #expect(Checked.int(-3.9) == -3)
        #expect(Checked.int(1e300) == nil)
        #expect(Checked.int(.infinity) == nil)
        #expect(Checked.int(.nan) == nil)
        #expect(Checked.int(9.3e18) == nil)
        #expect(Checked.rounded(2.5) == 3)
        #expect(Checked.rounded(-1e19) == nil)
    }

    @Test func integerArithmeticReportsOverflow() {
        #expect(Checked.negated(5) == -5)
        #expect(Checked.negated(Int.min) == nil)
        #expect(Checked.sum(Int.max, 1) == nil)
        #expect(Checked.sum(2, 3) == 5)
        #expect(Checked.product(1 << 40, 1 << 40) == nil)
        #expect(Checked.product(6, 7) == 42)
    }
}

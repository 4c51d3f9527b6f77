/// Settings of the test helpers (`assert_close`, `assert_shape`, `assert_equal_frames`).
public enum Assertions {
    /// True while a hidden test runs in grading: a failure then says what failed (and the
    /// teacher's `msg`) without the expected values, so feedback does not give the answer away.
    @TaskLocal public static var hideValues = false
}

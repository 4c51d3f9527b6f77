# Closures: counters that capture a variable, and functions passed to functions, 1 million calls.
def counter():
    n = [0]
    def inc():
        n[0] = n[0] + 1
        return n[0]
    return inc
def twice(f, x):
    return f(f(x))
c = counter()
total = 0
for i in range(250000):
    total = total + c() + twice(lambda v: v + 1, i)
print(total)

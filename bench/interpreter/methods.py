# Method calls on built-in values: list append and pop, string and dict methods, 2 million calls.
stack = []
d = {}
total = 0
i = 0
while i < 400000:
    stack.append(i)
    if len(stack) > 8:
        total = total + stack.pop()
    key = "k" + str(i % 100)
    d[key] = d.get(key, 0) + 1
    total = total + len(key.upper())
    i = i + 1
print(total, len(d), d.get("k7"))

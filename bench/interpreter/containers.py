# Lists and dicts: word counts, a sort by count and a list comprehension over 300,000 items.
words = ["w" + str(i * 7919 % 5003) for i in range(300000)]
counts = {}
for w in words:
    if w in counts:
        counts[w] = counts[w] + 1
    else:
        counts[w] = 1
pairs = sorted(counts.items(), key=lambda p: -p[1])
evens = [n for n in range(300000) if n % 2 == 0]
print(len(counts), pairs[0][1], len(evens), sum(evens))

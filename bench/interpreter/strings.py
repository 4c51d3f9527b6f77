# Building strings: f-strings, concatenation, join and split over 200,000 pieces.
parts = []
for i in range(200000):
    parts.append(f"{i}:{i * 3 % 17}")
text = ",".join(parts)
words = text.split(",")
s = ""
for w in words[:20000]:
    s = s + w[0]
print(len(text), len(words), len(s))

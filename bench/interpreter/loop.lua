local total, i = 0, 0
while i < 10000000 do
  total = total + i % 7 * 2
  i = i + 1
end
print(total)

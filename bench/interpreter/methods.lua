-- Method calls on built-in values: table insert and remove, string methods, counts in a table.
local stack, d, n = {}, {}, 0
local total, i = 0, 0
while i < 400000 do
  table.insert(stack, i)
  if #stack > 8 then total = total + table.remove(stack) end
  local key = "k" .. tostring(i % 100)
  if d[key] == nil then n = n + 1 end
  d[key] = (d[key] or 0) + 1
  total = total + #(key:upper())
  i = i + 1
end
print(total .. " " .. n .. " " .. d["k7"])

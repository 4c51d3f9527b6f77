-- Tables: word counts, a sort by count and a filtered list over 300,000 items.
local words = {}
for i = 0, 299999 do words[#words + 1] = "w" .. tostring(i * 7919 % 5003) end
local counts, n = {}, 0
for _, w in ipairs(words) do
  if counts[w] then counts[w] = counts[w] + 1 else counts[w] = 1; n = n + 1 end
end
local pairs_ = {}
for k, v in pairs(counts) do pairs_[#pairs_ + 1] = {k, v} end
table.sort(pairs_, function(a, b) return a[2] > b[2] end)
local evens, total = {}, 0
for k = 0, 299999 do if k % 2 == 0 then evens[#evens + 1] = k; total = total + k end end
print(n .. " " .. pairs_[1][2] .. " " .. #evens .. " " .. total)

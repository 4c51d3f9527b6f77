-- Building strings: formatting, concatenation, concat and split over 200,000 pieces.
local parts = {}
for i = 0, 199999 do parts[#parts + 1] = string.format("%d:%d", i, i * 3 % 17) end
local text = table.concat(parts, ",")
local words = {}
for w in string.gmatch(text, "[^,]+") do words[#words + 1] = w end
local s = ""
for k = 1, 20000 do s = s .. string.sub(words[k], 1, 1) end
print(#text .. " " .. #words .. " " .. #s)

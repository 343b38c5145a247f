--[[
French typography of every format, run by both renderers after Quarto's filters (`filters:` of _quarto.yml):
the space before « % », « : », « ; », « ! », « ? » and « » », after « « », and between « ≥ », « ≤ », « > »,
« < », « = » and the number that follows becomes a no-break space, so that a line never starts with the
sign or ends with the opening quote. Only the spaces between words change: the words, data text included,
stay the text they are (nothing is read as markup).
]]

local NBSP = "\u{00A0}"

-- A comparison sign glued to the number after it (Lua patterns read bytes: the signs are listed whole).
local COMPARISONS = { ["≥"] = true, ["≤"] = true, ["<"] = true, [">"] = true, ["="] = true }

local function starts_number(text)
  return text:match("^[%d+%-]") ~= nil or text:sub(1, #"−") == "−"
end

-- Signs that take a no-break space before them.
local function space_before(text)
  return text:match("^[%%:;!?]") ~= nil or text:sub(1, #"»") == "»"
end

local function is_space(el)
  return el and (el.t == "Space" or el.t == "SoftBreak")
end

local function no_break(inlines)
  local spaced = pandoc.List()
  for i, el in ipairs(inlines) do
    local before, after = inlines[i - 1], inlines[i + 1]
    local glue = is_space(el) and before ~= nil and not is_space(before) and after ~= nil and (
      (after.t == "Str" and space_before(after.text))
      or (before.t == "Str" and after.t ~= "Space" and before.text:sub(-#"«") == "«")
      or (before.t == "Str" and after.t == "Str" and COMPARISONS[before.text] and starts_number(after.text)))
    spaced:insert(glue and pandoc.Str(NBSP) or el)
  end
  -- Strings side by side make one word, as pandoc reads it.
  local out = pandoc.List()
  for _, el in ipairs(spaced) do
    local last = out[#out]
    if el.t == "Str" and last and last.t == "Str" then
      out[#out] = pandoc.Str(last.text .. el.text)
    else
      out:insert(el)
    end
  end
  return out
end

return { { Inlines = no_break } }

--[[
Typst output of both renderers (Quarto's and the built-in one), run after their own filters
(`filters: [quarto, …]` in _quarto.yml). Text that comes from data stays text in the PDF:
- a table cell starting with « = », « - », « + », « / » or « 1. » is escaped: pandoc escapes these at the
  start of a paragraph, not of a cell, and Typst would read a heading (« = 100 % » in the table of
  contents), a list item or a term;
- a table's column widths are dropped: pandoc draws them from the Markdown's dash counts, which say nothing
  of what the columns hold; report/style.typ sizes `auto` columns from their content;
- each chapter (a first-level heading) starts on a new page, after the figures still floating (the break is
  put before the heading, not in a show rule of it, so that the heading's link and bookmark land on its page);
- an image keeps its description (`alt`, Quarto: `fig-alt`) as the PDF's alternative text (pandoc's Typst
  writer drops it);
- the PDF's document metadata holds the report's title and no date (the same file whatever the day).
Other formats are left as they are.
]]

if not FORMAT:match("typst") then return {} end

local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

local function image_with_alt(img)
  local alt = img.attributes.alt or img.attributes["fig-alt"] or pandoc.utils.stringify(img.caption)
  if alt == "" then return nil end
  return pandoc.RawInline("typst", "#box(image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt) .. "))")
end

local function escape_cell_start(blocks)
  local first = blocks[1]
  if not first or (first.t ~= "Plain" and first.t ~= "Para") or #first.content == 0 then return end
  local str = first.content[1]
  if str.t ~= "Str" then return end
  if str.text:match("^[=+/%-]") then
    first.content:insert(1, pandoc.RawInline("typst", "\\"))
  elseif str.text:match("^%d+%.$") then
    first.content[1] = pandoc.Str(str.text:sub(1, -2))
    first.content:insert(2, pandoc.RawInline("typst", "\\."))
  end
end

local function typst_table(tbl)
  local function rows(list)
    for _, row in ipairs(list) do
      for _, cell in ipairs(row.cells) do escape_cell_start(cell.contents) end
    end
  end
  rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do rows(body.head); rows(body.body) end
  rows(tbl.foot.rows)
  for i, spec in ipairs(tbl.colspecs) do tbl.colspecs[i] = { spec[1], nil } end
  return tbl
end

local function chapter_break(header)
  if header.level ~= 1 then return nil end
  return { pandoc.RawBlock("typst", "#place.flush()\n#pagebreak(weak: true)"), header }
end

local function document_metadata(doc)
  local title = doc.meta.title and pandoc.utils.stringify(doc.meta.title) or ""
  local settings = (title ~= "" and "title: " .. typst_string(title) .. ", " or "") .. "date: none"
  doc.blocks:insert(1, pandoc.RawBlock("typst", "#set document(" .. settings .. ")"))
  return doc
end

return { { Table = typst_table, Image = image_with_alt, Header = chapter_break }, { Pandoc = document_metadata } }

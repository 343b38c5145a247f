--[[
HTML output of both renderers (Quarto's and the built-in one), run after their own filters
(`filters: [quarto, …]` in _quarto.yml). A wide table scrolls sideways inside its own box instead of
widening the page (a phone is 390 px wide), and that box can be reached and scrolled from the keyboard:
it is focusable, and named after the table's caption when the table carries one. Quarto's own
scrolling box around a notebook output (`.cell-output-display`) is turned off, so that only this one
scrolls. Quarto's wrapper of an embedded cell (`.quarto-embed-nb-cell`) loses the notebook's absolute
path, which Quarto leaves in the page when notebook links are off: a build folder, different at each
build. When the report has a table of contents, a « Sommaire » link back to it (shown on a phone, see
report/style.css) and the script that folds it on a phone (toc.js, beside this file) end the page.
Other formats are left as they are.
]]

if not FORMAT:match("html") then return {} end

local function scroll_box(tbl)
  local caption = pandoc.utils.stringify(tbl.caption.long or {})
  -- A list of pairs, not a table: the attributes keep this order (a Lua table's order changes between runs).
  local attributes = { { "tabindex", "0" }, { "style", "overflow-x: auto; max-width: 100%;" } }
  if caption ~= "" then
    table.insert(attributes, { "role", "region" })
    table.insert(attributes, { "aria-label", caption })
  end
  return pandoc.Div({ tbl }, pandoc.Attr("", { "table-scroll" }, attributes))
end

local EMBED_ATTRIBUTES = { "notebook", "notebook-title", "notebook-cellId" }

local function quarto_divs(div)
  if div.classes:includes("quarto-embed-nb-cell") then
    for _, name in ipairs(EMBED_ATTRIBUTES) do div.attributes[name] = nil end
    return div
  end
  if div.classes:includes("cell-output-display") and not div.classes:includes("no-overflow-x") then
    div.classes:insert("no-overflow-x")
    return div
  end
end

-- The script beside this filter (one read per document).
local function toc_script()
  local folder = PANDOC_SCRIPT_FILE:match("^(.*)[/\\]") or "."
  local file = assert(io.open(folder .. "/toc.js", "r"))
  local text = file:read("a")
  file:close()
  return text
end

local function back_to_toc(doc)
  -- Quarto takes `toc` out of the metadata and passes it to pandoc as the writer's option.
  local toc = PANDOC_WRITER_OPTIONS.table_of_contents or doc.meta.toc
  if not toc or pandoc.utils.stringify(toc) == "false" then return nil end
  local label = pandoc.utils.stringify(doc.meta["toc-title"] or "Sommaire")
  label = label:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;")
  local link = '<a class="toc-back" href="#TOC"><span aria-hidden="true">↑ </span>' .. label .. "</a>"
  doc.blocks:insert(pandoc.RawBlock("html", link))
  doc.blocks:insert(pandoc.RawBlock("html", "<script>\n" .. toc_script() .. "</script>"))
  return doc
end

return { { Table = scroll_box, Div = quarto_divs }, { Pandoc = back_to_toc } }

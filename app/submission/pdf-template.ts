/**
 * The Typst source of the summary PDF. It reads everything it prints from
 * /data.json (made by `summaryDocumentData`), so trainee text is always data,
 * never markup. Typst does the typesetting: fonts, line breaking and
 * hyphenation, tables that break across pages with their header repeated,
 * the contents, the outline (bookmarks), and every page number the document
 * cites (`locate`), which it lays out until they agree with where things
 * land. Attachment PDF pages are reserved here as pages of their own, so
 * numbering counts them; pdf-lib puts the attachment's real pages in their
 * place afterwards.
 */
export const SUMMARY_TEMPLATE = String.raw`
#let d = json("/data.json")
#let muted = luma(85)
#let faint = luma(205)
#let band = luma(236)

#set document(title: d.title, author: d.author, date: none)
#set text(font: ("DejaVu Sans",), fallback: false, size: 9.5pt, lang: "en", region: "gb", hyphenate: true)
#set par(justify: true, leading: 0.6em, spacing: 0.95em)
#show raw: set text(font: ("DejaVu Sans Mono", "DejaVu Sans"), size: 8.5pt)
#show link: set text(fill: rgb("#1f4e8c"))
#set list(indent: 4pt, body-indent: 6pt)
#set enum(indent: 4pt, body-indent: 6pt)
#show heading: set text(weight: "bold")
#show heading: set par(justify: false)
#show heading: set text(hyphenate: false)
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 1): set block(below: 0.9em)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 2): set block(above: 1.4em, below: 0.8em)
#show heading.where(level: 3): set text(size: 10.5pt)
#show heading.where(level: 3): set block(above: 1.2em, below: 0.6em)

// A character the fonts cannot draw: a visible box naming it.
#let marker(label) = box(stroke: 0.5pt + muted, inset: (x: 1.5pt), outset: (y: 1.5pt), text(size: 0.75em, fill: muted, font: "DejaVu Sans Mono", label))

#let inl(xs) = {
  for n in xs {
    if n.k == "t" { n.v }
    else if n.k == "u" { marker(n.label) }
    else if n.k == "em" { emph(inl(n.c)) }
    else if n.k == "strong" { strong(inl(n.c)) }
    else if n.k == "del" { strike(inl(n.c)) }
    else if n.k == "code" { raw(n.v) }
    else if n.k == "link" { link(n.url, underline(inl(n.c))) }
    else if n.k == "br" { linebreak() }
  }
}

#let md-table(b) = {
  let cols = b.rows.at(0).len()
  set par(justify: false)
  set text(size: 8.5pt, hyphenate: false)
  block(above: 0.8em, below: 0.9em, table(
    columns: cols,
    inset: (x: 5pt, y: 4pt),
    stroke: 0.5pt + faint,
    align: (x, y) => { let a = b.align.at(x, default: none); if a == "right" { right } else if a == "center" { center } else { left } },
    table.header(..b.rows.at(0).map(c => strong(inl(c)))),
    ..b.rows.slice(1).map(r => r.map(c => inl(c))).flatten(),
  ))
}

#let blocks(xs) = {
  for b in xs {
    if b.k == "p" { par(inl(b.c)) }
    else if b.k == "h" { block(above: 1em, below: 0.55em, sticky: true, text(weight: "bold", size: if b.level <= 2 { 10.5pt } else { 9.5pt }, inl(b.c))) }
    else if b.k == "list" {
      let items = b.items.map(i => { if i.checked == true [☑ ] else if i.checked == false [☐ ]; blocks(i.c) })
      if b.ordered { enum(start: b.start, ..items) } else { list(..items) }
    }
    else if b.k == "quote" { block(inset: (left: 10pt), stroke: (left: 1.5pt + faint), above: 0.8em, below: 0.8em, text(fill: luma(60), blocks(b.c))) }
    else if b.k == "code" { block(fill: luma(246), inset: 6pt, radius: 2pt, width: 100%, above: 0.8em, below: 0.8em, raw(b.v, block: true)) }
    else if b.k == "table" { md-table(b) }
    else if b.k == "hr" { line(length: 100%, stroke: 0.5pt + faint) }
  }
}

#let note(body) = text(fill: muted, size: 8.5pt, body)
#let subhead(body) = block(above: 1.3em, below: 0.6em, sticky: true, text(weight: "bold", size: 10.5pt, body))

#let page-of(name) = locate(label(name)).page()
#let total() = counter(page).final().first()

#let footer(extra) = context {
  set text(size: 7.5pt, fill: muted, hyphenate: false)
  set par(justify: false)
  if extra != none { block(below: 4pt, emph(inl(extra))) }
  grid(columns: (1fr, auto), column-gutter: 12pt, inl(d.footer), [Page #counter(page).display() of #total()])
}

#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2cm, bottom: 2.2cm),
  footer: footer(none),
  footer-descent: 35%,
  header: if d.draft { align(right, text(size: 8pt, weight: "bold", fill: rgb("#a11111"), "Draft — not submitted")) },
)

// Cover, with the declaration
#place(hide[#heading(level: 1, outlined: false, bookmarked: true)[Cover]])
#text(size: 8pt, weight: "bold", fill: muted, tracking: 0.6pt, d.kicker)
#v(4pt)
#block(text(size: 20pt, weight: "bold", hyphenate: false, par(justify: false, "Portfolio for registration as a Clinical Scientist")))
#v(2pt)
#text(size: 15pt, weight: "bold", inl(d.trainee))
#v(10pt)
#{
  set par(justify: false)
  grid(columns: (105pt, 1fr), row-gutter: 8pt, column-gutter: 8pt,
    ..d.fields.map(f => (text(weight: "bold", fill: muted, f.label), if f.mono { text(font: "DejaVu Sans Mono", size: 8pt, f.value.at(0).v) } else { inl(f.value) })).flatten(),
    text(weight: "bold", fill: muted, "Length"),
    context {
      let n = total()
      let count = if n == 1 { "1 page" } else { str(n) + " pages" }
      if n > d.limit { strong(count + ": OVER the " + str(d.limit) + "-page limit (target " + str(d.target) + ")") }
      else if n > d.target { strong(count + ": over the " + str(d.target) + "-page target, within the " + str(d.limit) + "-page limit") }
      else { count + ": within the " + str(d.target) + "-page target (limit " + str(d.limit) + ")" }
    },
  )
}
#v(8pt)
#subhead[Mentor declaration]
#if d.declaration == none [
  #note[No mentor declaration stands yet.]
] else [
  #inl(d.declaration.text)

  #emph(inl(d.declaration.signed))
]
#v(8pt)
#note[#d.cover-note]

// The experience and training record: a one-page CV
#let cv-rows(rows) = {
  set par(justify: false)
  grid(columns: (112pt, 1fr), column-gutter: 10pt, row-gutter: 7pt,
    ..rows.map(r => (
      text(size: 8.5pt, fill: muted, r.when),
      {
        text(weight: "bold", inl(r.title))
        if r.where.len() > 0 { linebreak(); inl(r.where) }
        if r.at("facts", default: ()).len() > 0 { linebreak(); text(size: 8.5pt, fill: muted, inl(r.facts)) }
        if r.at("description", default: ()).len() > 0 { linebreak(); text(size: 8.5pt, inl(r.description)) }
      },
    )).flatten())
}
#if d.cv != none {
  pagebreak()
  heading(level: 1, outlined: true, bookmarked: true)[Experience and training]
  block(below: 0.9em, inl(d.cv.summary))
  subhead[Posts]
  if d.cv.posts.len() == 0 { note[No posts recorded.] } else { cv-rows(d.cv.posts) }
  subhead[Qualifications and training]
  if d.cv.qualifications.len() == 0 { note[No qualifications recorded.] } else { cv-rows(d.cv.qualifications) }
  subhead[Registrations and memberships]
  if d.cv.memberships.len() == 0 { note[No registrations or memberships recorded.] } else { cv-rows(d.cv.memberships) }
}

// Contents
#pagebreak()
#heading(level: 1, outlined: false, bookmarked: true)[Contents]
#outline(title: none, depth: 2)

// Index of evidence
#pagebreak()
= Index of evidence
#note[Every evidence item, in order: where it starts in this PDF and how many pages it runs to, its attachments included.]
#v(4pt)
#context {
  set par(justify: false)
  set text(size: 8.5pt, hyphenate: false)
  let last = total() + 1
  table(
    columns: (24pt, 1fr, 70pt, 84pt, 56pt, 30pt, 34pt),
    inset: (x: 4pt, y: 4pt),
    stroke: (x, y) => (bottom: 0.4pt + faint),
    align: (x, y) => if x >= 5 { right } else { left },
    table.header(..("Ref", "Title", "Date", "Type", "Role", "Page", "Pages").map(strong)),
    ..d.items.map(it => (
      link(label(it.label), strong(it.ref)),
      inl(it.title),
      it.date-short,
      it.type,
      it.role-short,
      link(label(it.label), str(page-of(it.label))),
      str((if it.next == none { last } else { page-of(it.next) }) - page-of(it.label)),
    )).flatten(),
  )
  if d.items.len() == 0 { note[The portfolio has no evidence items.] }
}

// Summary statement
#pagebreak()
= Summary statement
#note[#d.statement.words]
#v(2pt)
#if d.statement.blocks.len() == 0 [ #note[The trainee did not write a summary statement.] ] else { blocks(d.statement.blocks) }

// Areas of competence with the evidence claiming them
#pagebreak()
= Evidence by area of competence
#note[Under each area of competence: every item claiming it, with the page where the item starts, the trainee’s claim, the specific competencies it names, and whether a mentor verified the claim (✓) or not yet (○).]
#for domain in d.domains {
  heading(level: 2, domain.heading)
  for area in domain.areas {
    block(above: 1.1em, below: 0.5em, sticky: true, breakable: false, {
      set par(justify: false)
      text(weight: "bold", area.code)
      h(6pt)
      text(weight: "bold", area.text)
    })
    if area.entries.len() == 0 {
      pad(left: 12pt, text(fill: rgb("#8a1010"), style: "italic", "No evidence claims this area."))
    }
    for e in area.entries {
      [#block(inset: (left: 12pt), above: 0.55em, below: 0.75em, {
        set par(justify: false)
        block(below: 0.4em, sticky: true, link(label(e.item), [#strong(e.ref) #inl(e.title)]) + [ ] + context link(label(e.item), "(p." + sym.space.nobreak + str(page-of(e.item)) + ")"))
        pad(left: 10pt, {
          set par(justify: true)
          block(below: 0.4em, inl(e.statement))
          for c in e.competencies { block(below: 0.35em, text(size: 8.5pt, fill: muted, [Specific competency: #inl(c)])) }
          text(size: 8.5pt, fill: muted, style: "italic", inl(e.verification))
        })
      }) #label(e.label)]
    }
  }
}

// Cross-reference grid
#pagebreak()
= Cross-reference grid
#note[Rows are areas of competence, columns are evidence items. A cell gives the page where the item starts (it links there): ✓ the claim was verified by a mentor, ○ claimed but not yet verified. An empty cell: the item does not claim the area. Under each table, the items it names.]
#for blk in d.grid.blocks {
  let n = blk.columns.len()
  heading(level: 3, outlined: false, bookmarked: false, blk.title)
  context {
    set par(justify: false)
    set text(size: 7pt, hyphenate: false)
    // Where each of this table's items starts, looked up once for the whole table.
    let starts = blk.columns.map(c => str(page-of(c.label)))
    table(
      columns: (38pt,) + (1fr,) * calc.max(n, 1),
      inset: (x: 1.5pt, y: 3pt),
      stroke: 0.4pt + faint,
      align: (x, y) => if x == 0 { left } else { center },
      table.header(text(weight: "bold", "Area"), ..blk.columns.map(c => link(label(c.label), text(weight: "bold", c.ref)))),
      ..d.grid.groups.map(g => (
        (table.cell(colspan: n + 1, fill: band, text(weight: "bold", size: 7.5pt, g.title)),)
        + g.rows.map(r => (
          (text(weight: "bold", r.code),)
          + r.cells.slice(blk.start, blk.start + n).enumerate().map(((i, m)) => {
            if m == none { [] } else {
              let target = blk.columns.at(i).label
              link(label(target), if m == "verified" { text(weight: "bold", "✓ " + starts.at(i)) } else { "○ " + starts.at(i) })
            }
          })
        )).flatten()
      )).flatten(),
    )
  }
  block(above: 0.6em, below: 1.2em, {
    set par(justify: false)
    set text(size: 7.5pt, fill: muted, hyphenate: false)
    grid(columns: (1fr, 1fr), column-gutter: 12pt, row-gutter: 3pt,
      ..blk.columns.map(c => context [#link(label(c.label), strong(c.ref)) #inl(c.title) (p.#sym.space.nobreak#page-of(c.label))]))
  })
}

// The items, each from a new page, with their attachments
#for (i, it) in d.items.enumerate() {
  pagebreak()
  if i == 0 { place(hide[#heading(level: 1)[Evidence items]]) }
  [#heading(level: 2, outlined: false, bookmarked: true)[#it.ref · #inl(it.title)] #label(it.label)]
  context [#metadata((ref: it.ref, page: here().page())) <item-start>]
  {
    set par(justify: false)
    grid(columns: (auto, 1fr), column-gutter: 10pt, row-gutter: 5pt,
      ..it.facts.map(f => (text(weight: "bold", fill: muted, f.label), f.value)).flatten())
  }
  subhead[Description]
  if it.description.len() == 0 { note[No description.] } else { blocks(it.description) }
  subhead[Reflection]
  if it.reflection.len() == 0 { note[No reflection.] } else { blocks(it.reflection) }
  if it.feedback != none {
    subhead[Multi-source feedback reflected on]
    note(inl(it.feedback.summary))
    md-table(it.feedback.table)
    block(above: 0.9em, below: 0.5em, sticky: true, strong[What colleagues said the trainee does well])
    if it.feedback.strengths.len() == 0 { note[No comments.] } else { list(..it.feedback.strengths.map(c => inl(c))) }
    block(above: 0.9em, below: 0.5em, sticky: true, strong[What colleagues suggested the trainee develops])
    if it.feedback.development.len() == 0 { note[No comments.] } else { list(..it.feedback.development.map(c => inl(c))) }
  }
  subhead[Claims]
  if it.claims.len() == 0 { note[This item claims no area of competence.] } else {
    set par(justify: false)
    note[Each claim in full, with the mentor’s verification, is under its area in “Evidence by area of competence”, on the page given.]
    v(2pt)
    it.claims.map(c => box(context link(label(c.label), [#strong(c.code) #if c.verified [✓ verified] else [○ not verified], p.#sym.space.nobreak#page-of(c.label)]))).join([ #h(4pt)·#h(4pt) ])
  }
  if it.comments.len() > 0 {
    subhead[Comments for the assessor]
    for c in it.comments {
      block(below: 0.3em, sticky: true, text(weight: "bold", inl(c.head)))
      pad(left: 10pt, blocks(c.body))
    }
  }
  if it.attachments.len() > 0 {
    subhead[Attachments]
    list(..it.attachments.map(a => [#inl(a.name) #text(fill: muted, "(" + a.facts + ")")]))
  }
  for a in it.contents {
    if a.k == "pdf" {
      for p in range(a.pages) {
        page(footer: footer(a.labels.at(p)))[#context [#metadata((sha: a.sha, index: p, page: here().page())) <attachment-page>]]
      }
    } else {
      block(above: 1.4em, below: 0.6em, sticky: true, {
        text(weight: "bold", inl(a.caption))
        linebreak()
        note(a.facts)
      })
      if a.k == "image" {
        block(breakable: false, align(center, image(a.path, width: a.width * 1pt)))
      } else if a.k == "text" {
        block(fill: luma(246), inset: 6pt, width: 100%, { set text(size: 7.5pt); raw(a.text, block: true) })
        if a.truncated { note[The rest of this file is in the submission’s export.] }
      } else {
        block(inset: (left: 10pt), stroke: (left: 1.5pt + faint), inl(a.message))
      }
    }
  }
}
`

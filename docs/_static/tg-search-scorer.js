// tensorguide's search: Sphinx includes this file in language_data.js, which
// only the search page loads, after searchtools.js and the stemmer.
//
// 1. Ranking: a chapter is the page that teaches its topic, so chapters rank
//    above the reference pages (glossary, API, errata) that mention the same
//    words, and among chapters the one that uses the query's words most
//    comes first (TG_WORD_COUNTS, written by docs/_ext/tgdocs/search.py).
//    An index entry (every glossary term is one) scores up to 100 in Sphinx,
//    above any chapter; here it ranks next to the chapters, not above them.
//    Sphinx's own weights are kept for everything else.
// 2. Snippets: Sphinx quotes the text of the page's [role=main] element,
//    which in this theme starts with the breadcrumbs, the stamp and the
//    notebook link; the quote is taken from the article alone.

var Scorer = {
  score: (result) => {
    const [docname, , , , score, , kind] = result;
    const counts = (typeof TG_WORD_COUNTS === "undefined" ? {} : TG_WORD_COUNTS)[docname];
    if (counts) {
      const stemmer = new Stemmer();
      const query = new URLSearchParams(window.location.search).get("q") || "";
      const usage = splitQuery(query.toLowerCase())
        .map((word) => Math.log2(1 + (counts[stemmer.stemWord(word)] || 0)))
        .reduce((total, value) => total + value, 0);
      return score + 20 + 4 * usage;
    }
    if (kind === "index") return Math.min(score, 30);
    if (/^reference\/errata\//.test(docname)) return score - 5;
    return score;
  },
  // Sphinx's defaults (sphinx/themes/basic/static/searchtools.js)
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

if (typeof Search !== "undefined") {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".bd-header-article, .tg-stamp, .prev-next-area, footer")
      .forEach((el) => el.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
}

// Package sitetest checks the real site as a reader gets it: it builds
// content/ with templates/ in memory, serves the output from an httptest
// server and looks at the pages.
//
//   - TestPageWeight (no browser): every page's HTML plus the CSS and JS it
//     loads on a first visit stays under 30 KB gzipped (the search index
//     and the simulator's wasm are fetched only on use and not counted),
//     and no script blocks rendering except the tiny theme script.
//   - TestAccessibility drives /usr/bin/chromium with chromedp, injects
//     axe-core from .ci/node_modules (install it with `npm ci --prefix .ci`)
//     and fails on any violation of the WCAG 2.0/2.1/2.2 A and AA rules and
//     axe's best practices. Every page of the site, questionnaire steps and
//     results included, is checked in the light theme at 1280 px; every
//     content page and a fixed, evenly spaced sample of 30 questionnaire
//     pages also in the dark theme at 360 px (about 3 minutes).
//   - TestThemeToggle, TestSearchBox, TestCopyLink, TestPrintMedia and
//     TestWithoutJavaScript check the enhancers in site.js, the inline
//     theme script (theme.inline.js) and the no-JavaScript fallbacks.
//   - TestFirstScreenEveryGuide checks, on every page under /guides/ found
//     in the build, that the article's first paragraph starts inside the
//     first 360x800 screen, with JavaScript on and off.
//     TestThemeToggleShowsPressed checks that pressing the theme toggle
//     visibly changes it (background, switch knob) while its name stays
//     "Dark mode", at 360 and 1280 px. TestContentsMarksSection scrolls a
//     guide to two of its headings at 1280 px and waits for the sticky
//     contents column to mark each one's link (aria-current="location").
//     TestHomeLanding checks the home page: an h1 that is not the site's
//     name, the four large links, the publisher's name and tel: link, no
//     Sources, every guide listed once, and full rows of large links from
//     320 to 1920 px. TestSectionCards checks, at every width from 320 to
//     1920 px, that each row of the /guides/ cards spans the whole list,
//     with the built number of cards and with one or two fewer.
//   - TestSearchIndex (no browser) checks search-index.json: section ids on
//     their pages, no reference lists, the home page titled "Home: ...".
//     TestSearchResults, TestSearchKeyboard and TestSearchPageQuery check
//     search.js as a reader uses it: "gen 2", "gen" (not "gently"), the typo
//     "rekye", a query with no match, its suggestions and the home page's
//     four landing links it offers, results walked
//     and opened with the keyboard, landing on the heading of the match.
//     TestSearchSpeed (-measure) times it per keystroke, and
//     TestSearchScreenshots (-screenshots DIR) shows the results.
//   - TestQuestionnaire answers a whole path by clicking, checks progress,
//     the result and its reasons (expected values come from package decide),
//     Back and "Change" without losing answers, a result link opened in a
//     fresh browser, and a full path with JavaScript off;
//     TestQuestionnaireAccessibility runs axe on step, change and result pages;
//     TestQuestionnaireBrowserBack presses the browser's Back button after
//     two answers and checks that the chosen answer is marked, with and
//     without the back-forward cache, with JavaScript and (on screenshots,
//     in the :visited colours) without.
//   - TestSimulatorRekey plays the rekey scenario in the real guide and
//     checks each narrated state against package cylinder, and that no wasm
//     is fetched before Start; TestSimulatorHowItWorks, TestSimulatorRetry,
//     TestSimulatorWithoutJavaScript and TestSimulatorAccessibility cover
//     several simulators on a page, a failed download, the no-JS picture and
//     axe on a running simulator (light and dark, 360 and 1280 px);
//     TestSimulatorPhone plays the rekey procedure at 360x800 and checks
//     that picture and narration stay on screen and picture text >= 12 px;
//     TestSimulatorKeyboard runs it from the top of the page with the
//     keyboard alone and logs the key presses.
//   - TestPrintPageCount prints the rekey guide and the longest result to
//     PDF on Letter and A4 and bounds their page counts; TestPrintCodes (no
//     browser) checks that guides, the questionnaire's intro and results
//     print a QR code of their address and question pages none.
//   - TestScreenshots writes PNG screenshots (360 and 1280 px, light and
//     dark) and PDFs of a few pages to the directory given by -screenshots,
//     for a person to look at; it is skipped without the flag.
//
// Browser tests skip when chromium or axe-core is missing, unless the
// environment variable CI is set, in which case they fail.
//
//	go test ./generator/sitetest/
//	go test ./generator/sitetest/ -run TestPageWeight -v   # the budget table
//	go test ./generator/sitetest/ -run TestScreenshots -screenshots /tmp/shots
package sitetest

// A table wider than the page (the fleet's lines on a narrow screen) scrolls sideways inside
// Quasar's .q-table__middle. A keyboard user must be able to scroll it too (WCAG 2.1.1, axe:
// scrollable-region-focusable): while it scrolls, the region takes the focus (the arrow keys
// then scroll it) and is a region named by the heading before the table. Quasar renders that
// element with no way to give it attributes, and whether it scrolls depends on the width.
// In a block of its own: the page's other scripts share the global scope.
{
  const REGION = '.q-table__middle';
  const MADE_FOCUSABLE = 'data-scroll-region';  // ours: an element Quasar made is never touched

  const headingBefore = (element) => {
    let found = null;
    for (const heading of document.querySelectorAll('[role="heading"], h1, h2, h3')) {
      if (!(heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      found = heading;
    }
    return found;
  };

  const fitRegion = (region) => {
    const scrolls = region.scrollWidth > region.clientWidth + 1;  // +1: rounding of fractions
    if (scrolls && !region.hasAttribute(MADE_FOCUSABLE)) {
      region.setAttribute(MADE_FOCUSABLE, '');
      region.setAttribute('tabindex', '0');
      region.setAttribute('role', 'region');
      const heading = headingBefore(region);
      if (heading && heading.id) region.setAttribute('aria-labelledby', heading.id);
    } else if (!scrolls && region.hasAttribute(MADE_FOCUSABLE)) {
      for (const name of [MADE_FOCUSABLE, 'tabindex', 'role', 'aria-labelledby']) {
        region.removeAttribute(name);
      }
    }
  };

  const observed = new WeakSet();
  const onResize = new ResizeObserver((entries) => {
    for (const {target} of entries) fitRegion(target.closest(REGION) || target);
  });
  // Tables come and go with Vue's updates (a search, another page of rows): check them all then.
  const fitAll = () => {
    for (const region of document.querySelectorAll(REGION)) {
      if (!observed.has(region)) {
        observed.add(region);
        onResize.observe(region);  // the page's width changes
        if (region.firstElementChild) onResize.observe(region.firstElementChild);  // its rows
      }
      fitRegion(region);
    }
  };
  new MutationObserver(fitAll).observe(document.body, {childList: true, subtree: true});
  fitAll();
}

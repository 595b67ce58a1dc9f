"""The CSS and script every page carries: accessibility fixes to Quasar's defaults, the
keyboard behaviour of radio groups, and the layout on narrow screens."""

# Quasar and NiceGUI defaults that fail WCAG AA contrast on white: stepper titles (#9e9e9e,
# 2.7:1) and links (#3b82f6, 3.7:1). Header links keep their own white.
ACCESSIBLE_CSS = """
.q-stepper__tab:not(.q-stepper__tab--active):not(.q-stepper__tab--done) { color: #4b5563; }
.q-page .nicegui-link { color: var(--q-primary); }
"""

# Keyboard focus (WCAG 2.4.7, 2.4.11): Quasar's own cue is a faint tint or halo. A 3 px ring, dark
# blue on the page and yellow in the dark header, set off the element so it shows around a filled
# button too; drawn inside tabs, whose row clips what overflows; around the whole field for an
# input or select (not around its inner input). In NiceGUI's `overrides` layer: Quasar's
# `.no-outline { outline: 0 !important }` (buttons, radios, checkboxes, toggles) sits in a later
# layer, and an !important of an earlier layer wins (an unlayered one would lose).
# The focused language select keeps its label white: Quasar's primary is 2:1 on the header.
FOCUS_CSS = """@layer overrides {
:is(a, button, [role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"],
    .q-stepper__tab, [tabindex]:not([tabindex="-1"]):not(input, textarea)):focus-visible,
.q-field:has(:focus-visible) .q-field__control {
  outline: 3px solid #0a2f6b !important;
  outline-offset: 2px;
}
:is([role="tab"], .q-stepper__tab, .nicegui-skip-link):focus-visible { outline-offset: -3px !important; }
.q-header :is(a, button, [role="button"], [tabindex]:not([tabindex="-1"])):focus-visible,
.q-header .q-field:has(:focus-visible) .q-field__control { outline-color: #ffd500 !important; }
.q-header .q-field--highlighted .q-field__control { color: #fff !important; }
}
"""

# Hidden from sight, not from screen readers.
VISUALLY_HIDDEN = """position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0;"""

# Quasar lets the stepper's header wrap: a long title ("Vérifiez vos réponses") went to a second
# row. One row at any width: the tabs shrink and a long title wraps inside its tab. Under 1024 px
# (Quasar's md breakpoint) six titles no longer fit even so: only the current step shows its
# title, the others a dot (their titles stay for screen readers).
STEPPER_CSS = f"""
.q-stepper__header {{ flex-wrap: nowrap; }}
.q-stepper--horizontal .q-stepper__tab {{ flex: 1 1 auto; min-width: 0; padding: 8px 12px; }}
.q-stepper--horizontal .q-stepper__tab:first-child {{ padding-left: 24px; }}
@media (max-width: 1023.98px) {{
.q-stepper--horizontal .q-stepper__tab {{ min-height: 48px; padding: 4px 8px; }}
.q-stepper__tab:not(.q-stepper__tab--active) .q-stepper__label {{ {VISUALLY_HIDDEN} }}
.q-stepper__tab:not(.q-stepper__tab--active):not(:last-child) .q-stepper__dot:after {{
  display: block;
}}
}}
"""

# Phones (Quasar's xs breakpoint, under 600 px): a compact header (the manager's name is for screen
# readers only) and narrower page margins, so that a step's first question shows without
# scrolling.
NARROW_SCREEN_CSS = f"""@media (max-width: 599.98px) {{
.q-header.nicegui-header {{ padding: 4px 12px; row-gap: 4px; }}
.q-header > .nicegui-row {{ column-gap: 12px; row-gap: 4px; }}
.q-header > .nicegui-row > .text-lg {{ font-size: 1rem; }}
.q-header .manager-name {{ {VISUALLY_HIDDEN} }}
.nicegui-content > .nicegui-column {{ padding: 4px 0 16px; }}
.q-stepper--horizontal .q-stepper__tab:first-child {{ padding-left: 8px; }}
.q-stepper--horizontal .q-stepper__step-inner {{ padding: 16px 8px; }}
}}
"""

# Arrow keys move to and select the next radio of a group, as the WAI-ARIA radio group pattern
# has it (Quasar's radios answer only to Space and Enter), and a group is one tab stop.
RADIO_ARROW_KEYS = """<script>
document.addEventListener('keydown', (event) => {
  const forward = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1}[event.key];
  const radio = forward && event.target.closest && event.target.closest('[role="radio"]');
  const group = radio && radio.closest('[role="radiogroup"]');
  if (!group) return;
  const radios = [...group.querySelectorAll('[role="radio"]')]
    .filter((r) => r.getAttribute('aria-disabled') !== 'true');
  const next = radios[(radios.indexOf(radio) + forward + radios.length) % radios.length];
  event.preventDefault();
  next.click();
  next.focus();  // after the click: on a click Quasar moves the focus to a span inside the radio
});
// A radio group is one tab stop, as the same pattern has it (Quasar makes each radio one):
// Tab and Shift+Tab leave the group from any radio, and coming in lands on the chosen radio.
const radioGroupOf = (element) => {
  const radio = element && element.closest && element.closest('[role="radio"]');
  return radio ? [radio, radio.closest('[role="radiogroup"]')] : [null, null];
};
document.addEventListener('keydown', (event) => {
  const [radio, group] = radioGroupOf(event.target);
  if (event.key !== 'Tab' || !group) return;
  const radios = [...group.querySelectorAll('[role="radio"]')];
  // Focused before the browser moves on, so its Tab goes from the group's edge.
  (event.shiftKey ? radios[0] : radios[radios.length - 1]).focus();
});
document.addEventListener('focusin', (event) => {
  const [radio, group] = radioGroupOf(event.target);
  // Only for the keyboard: a click on a radio must leave the focus where it was clicked.
  if (!group || group.contains(event.relatedTarget) || !radio.matches(':focus-visible')) return;
  const chosen = group.querySelector('[role="radio"][aria-checked="true"]');
  if (chosen && chosen !== radio) chosen.focus();
});
</script>"""

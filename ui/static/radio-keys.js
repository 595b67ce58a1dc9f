// Keyboard behaviour of radio groups (WAI-ARIA): arrows move and choose, a group is one tab stop.
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

// Event types: their order, names and colours as the page's legend gives them (one list, kept
// by the server in sitrep.serve.pages), read once.

let known = null;

function types() {
  if (!known) {
    known = new Map();
    for (const swatch of document.querySelectorAll('.legend .swatch')) {
      const name = swatch.parentElement.textContent.trim();
      known.set(swatch.dataset.type, { name, colour: swatch.dataset.colour });
    }
  }
  return known;
}

/** Every event type, in the legend's order. */
export function typeKeys() {
  return [...types().keys()];
}

export function colour(type) {
  return types().get(type)?.colour || '#444444';
}

/** The readable name of a type, as the legend gives it. */
export function typeName(type) {
  return types().get(type)?.name || type;
}

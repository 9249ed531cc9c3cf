// Event types: colours here, names from the page's type filter (one list, kept by the server).

const COLOURS = {
  battles: '#d55e00',
  explosions_remote_violence: '#e69f00',
  violence_against_civilians: '#cc79a7',
  protests: '#0072b2',
  riots: '#56b4e9',
  strategic_developments: '#009e73',
  displacement: '#9a8700',
  statement: '#6f6f6f',
};

export const TYPES = Object.keys(COLOURS);

export function colour(type) {
  return COLOURS[type] || '#444444';
}

let names = null;

/** The readable name of a type, as the type filter's options give it. */
export function typeName(type) {
  if (!names) {
    names = {};
    for (const option of document.querySelectorAll('#f-type option')) {
      if (option.value) names[option.value] = option.textContent;
    }
  }
  return names[type] || type;
}

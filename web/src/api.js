// Reading the REST API. Every request goes to this server only (the CSP allows nothing else).

export const API = '/api/v1';

/** A URL of the API with the non-empty parameters of `params`. */
export function apiUrl(path, params = {}) {
  const url = new URL(API + path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  return url;
}

/** The JSON of a GET; the API's error message on failure. */
export async function getJSON(path, params) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(await errorMessage(response));
  return response.json();
}

/** The message of the API's error shape, {"error": {"status", "message"}}. */
export async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error?.message || `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** Runs only the latest of overlapping loads: an older answer arriving late is dropped. */
export function latestOnly(load) {
  let generation = 0;
  return async (...args) => {
    const mine = ++generation;
    const result = await load(...args);
    return mine === generation ? result : undefined;
  };
}

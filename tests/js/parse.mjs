// Parse iCalendar files with ical.js and print what a client would see, as JSON on stdout.
// Usage: node parse.mjs FILE...  ->  {"FILE": {"calname": ..., "events": [...], "todos": [...]}}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function describe(path) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate ? event.endDate.toString() : null,
      allDay: event.startDate.isDate,
      tzid: event.startDate.isDate ? null : event.startDate.zone.tzid,
      utcStart: event.startDate.isDate ? null : event.startDate.toUnixTime(),
      utcEnd: event.endDate && !event.endDate.isDate ? event.endDate.toUnixTime() : null,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
    };
  });
  const todos = root.getAllSubcomponents("vtodo").map((vtodo) => ({
    uid: vtodo.getFirstPropertyValue("uid"),
    summary: vtodo.getFirstPropertyValue("summary"),
    status: vtodo.getFirstPropertyValue("status"),
    due: vtodo.hasProperty("due") ? vtodo.getFirstPropertyValue("due").toString() : null,
    relatedTo: vtodo.getFirstPropertyValue("related-to"),
    percent: vtodo.getFirstPropertyValue("percent-complete"),
  }));
  return { calname: root.getFirstPropertyValue("x-wr-calname"), events, todos };
}

const out = {};
for (const path of process.argv.slice(2)) out[path] = describe(path);
process.stdout.write(JSON.stringify(out));

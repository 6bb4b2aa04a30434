"""Bringing in what other apps export: LinkedIn connections and messages, mail,
calendars, vCards."""

"""Readers of the files other apps export: LinkedIn connections and messages, mail, calendars."""

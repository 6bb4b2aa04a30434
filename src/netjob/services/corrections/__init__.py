"""Putting records right: one log entry corrected or removed (:mod:`.entries`), and two
records of one person or employer made one (:mod:`.merge`)."""

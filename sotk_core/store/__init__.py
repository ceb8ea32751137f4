"""The workspace database (rounds, submissions, scenarios, notes): see the store helper."""

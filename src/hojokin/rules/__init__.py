"""Eligibility criteria and amount limits: explain one company, screen many."""

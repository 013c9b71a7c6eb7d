"""Tenant Satisfaction Measures: setting up the survey, sampling, results and the management information."""

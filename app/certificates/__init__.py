"""Certificates: issued when a trainee completes every required module; verifiable by code."""

"""Loopback services for the STAC tests and benchmark: nginx (HTTP Range), rustac (STAC API), a gateway proxy
(SAS token check, injected faults, forward-proxy log) and a token service. Started and stopped by the tests."""

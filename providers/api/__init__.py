"""The providers app's HTTP APIs: the HSDS open-data feed (`hsds`) and the directory and
profile API (`profiles`)."""

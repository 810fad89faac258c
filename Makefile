# Two commands on a fresh machine with only Python >= 3.11:  make run  /  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

.PHONY: run test bench load serve demo messages check-messages clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py demo
	@echo "KiểuMẫu: http://$(HOST)/  (Ctrl+C để dừng) — máy chủ web, tiến trình nền và lịch chạy nền"
	$(BIN)/python manage.py run_all $(HOST)

test: $(VENV)/.dev
	$(BIN)/python -m pytest

# Benchmarks print a table; they use their own SQLite file unless DATABASE_URL is set. BENCH_ARGS="--size small": CI's quick run.
bench: $(VENV)/.dev
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(BIN)/python manage.py bench $(BENCH_ARGS)

# Load test: gunicorn on PostgreSQL at national size with locust beside it (loadtest/run.py; LOAD_* variables there).
$(VENV)/.load: $(VENV)/.dev requirements-load.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-load.txt
	touch $@

load: $(VENV)/.load
	$(BIN)/python loadtest/run.py

# Re-extract UI strings and recompile the Vietnamese catalog (needs GNU gettext for makemessages).
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --no-location --ignore='.venv/*'
	$(BIN)/python -m kieumau.i18n compile

clean:
	rm -rf $(VENV) db.sqlite3* bench.sqlite3* media staticfiles .pytest_cache .hypothesis test-artifacts

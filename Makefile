# Lief en Leed - build, run and test. See README.md.
#
#   make run      install what is missing, build, start the private database,
#                 migrate, load reference data, serve on http://127.0.0.1:8080
#   make test     the same set-up against a throwaway database, every suite
#   make lint     cppcheck and clang-format check
#   make bench    requests per second against a bare libmicrohttpd baseline
#   make SANITIZE=address,undefined   build with sanitizers

CC      ?= gcc
BUILD   ?= build
SANITIZE ?=

PKGS    := libmicrohttpd libpq libsodium libcrypto
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wvla -Wwrite-strings -fno-common
CFLAGS  ?= -O2 -g
CPPFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Ibackend -Ireports $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
           -DLIEFLEED_DEFAULT_STATIC_DIR='"$(CURDIR)/$(BUILD)/static"' \
           -DLIEFLEED_DEFAULT_SQL_DIR='"$(CURDIR)/sql"'
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lcsv -lpthread
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC  := $(sort $(filter-out backend/main.c,$(wildcard backend/*.c)) $(wildcard reports/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/backend/main.o
# tests/unit: pure modules; tests/db: need LIEFLEED_DATABASE_URL (test.sh sets it)
UNIT_SRC := $(wildcard tests/unit/test_*.c tests/db/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)
CSS      := $(BUILD)/static/utrecht-components.css $(BUILD)/static/utrecht-tokens.css \
            $(BUILD)/static/liefleed.css

.PHONY: all deps run test lint format bench stop env clean units fuzz

all: $(BUILD)/liefleed $(CSS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/liefleed: $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Wno-missing-prototypes $(LDFLAGS) \
	  -Itests -o $@ $< $(LIB_OBJ) $(LDLIBS) $(shell pkg-config --libs cmocka)

units: $(UNIT_BIN)

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(BUILD)/static/utrecht-components.css: node_modules/.package-lock.json
	@mkdir -p $(dir $@)
	cp node_modules/@utrecht/component-library-css/dist/index.css $@
$(BUILD)/static/utrecht-tokens.css: node_modules/.package-lock.json
	@mkdir -p $(dir $@)
	cp node_modules/@utrecht/design-tokens/dist/index.css $@
$(BUILD)/static/liefleed.css: static/liefleed.css
	@mkdir -p $(dir $@)
	cp $< $@

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) -s --no-print-directory all
	@scripts/run.sh

test: deps
	@scripts/test.sh

stop:
	@scripts/pg.sh stop var/pg

env:
	@scripts/pg.sh env var/pg
	@echo "export LIEFLEED_DATA_DIR='$(CURDIR)/var/data'"

lint:
	@scripts/lint.sh

format:
	clang-format -i backend/*.[ch] reports/*.[ch] tests/unit/*.c tests/db/*.c tests/fuzz/*.c tests/bench/*.c

bench: deps
	@scripts/bench.sh

fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

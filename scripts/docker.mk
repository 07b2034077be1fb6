# Container targets, included by the Makefile. Docker by default; `CONTAINER_ENGINE=podman make ...`
# works the same. The image is built from ./Dockerfile; see README.md ("Container").
CONTAINER_ENGINE ?= docker
DOCKER_IMAGE ?= cost-sim:latest
DOCKER_CONTAINER ?= cost-sim
# The same hardening as docker-compose.yml: read-only root, no capabilities, no privilege gain.
DOCKER_RUN_FLAGS ?= --read-only --tmpfs /tmp:rw,size=16m --cap-drop ALL \
                    --security-opt no-new-privileges --memory 256m --cpus 1 --pids-limit 256
DOCKER_READY_SECONDS ?= 20
PORT ?= 5000

.PHONY: docker-build docker-run docker-run-env docker-stop docker-logs docker-restart docker-exec \
        docker-rebuild docker-clean docker-health docker-stats docker-size docker-smoke compose-check

# Waits until the server in the container answers its own health probe; shows the logs if not.
define docker_wait_ready
	@i=0; until $(CONTAINER_ENGINE) exec $(DOCKER_CONTAINER) /usr/local/bin/cost-sim-server --probe >/dev/null 2>&1; do \
	  i=$$((i + 1)); \
	  if [ $$i -ge $$(( $(DOCKER_READY_SECONDS) * 10 )) ] || \
	     [ "$$($(CONTAINER_ENGINE) inspect --format '{{.State.Running}}' $(DOCKER_CONTAINER) 2>/dev/null)" != true ]; then \
	    echo "cost-sim did not become ready; its logs:" >&2; $(CONTAINER_ENGINE) logs $(DOCKER_CONTAINER) >&2; exit 1; \
	  fi; sleep 0.1; \
	done; echo "cost-sim is up: http://localhost:$(1)"
endef

docker-build: ## Build the image cost-sim:latest (compiles and runs the unit tests inside)
	$(CONTAINER_ENGINE) build -t $(DOCKER_IMAGE) .

docker-run: docker-build ## Build, then start container cost-sim detached on http://localhost:5000
	@$(CONTAINER_ENGINE) rm -f $(DOCKER_CONTAINER) >/dev/null 2>&1 || true
	$(CONTAINER_ENGINE) run -d --name $(DOCKER_CONTAINER) -p 5000:5000 $(DOCKER_RUN_FLAGS) $(DOCKER_IMAGE)
	$(call docker_wait_ready,5000)

docker-run-env: docker-build ## docker-run on port PORT (LOG_LEVEL too): PORT=8080 make docker-run-env
	@$(CONTAINER_ENGINE) rm -f $(DOCKER_CONTAINER) >/dev/null 2>&1 || true
	$(CONTAINER_ENGINE) run -d --name $(DOCKER_CONTAINER) -p $(PORT):$(PORT) $(DOCKER_RUN_FLAGS) \
	  -e PORT=$(PORT) -e COSTSIM_LOG_LEVEL=$(or $(LOG_LEVEL),info) \
	  $(DOCKER_IMAGE) --host 0.0.0.0 --port $(PORT)
	$(call docker_wait_ready,$(PORT))

docker-stop: ## Stop and remove the container (SIGTERM, then it exits within 2 s)
	-$(CONTAINER_ENGINE) stop -t 10 $(DOCKER_CONTAINER)
	-$(CONTAINER_ENGINE) rm $(DOCKER_CONTAINER)

docker-logs: ## Follow the container's logs (one JSON line per request; Ctrl-C to quit)
	$(CONTAINER_ENGINE) logs -f $(DOCKER_CONTAINER)

docker-restart: ## Restart the running container
	$(CONTAINER_ENGINE) restart $(DOCKER_CONTAINER)

docker-exec: ## Open a shell in the running container (as its non-root user)
	$(CONTAINER_ENGINE) exec -it $(DOCKER_CONTAINER) /bin/bash

docker-rebuild: ## Stop, rebuild the image from scratch (--no-cache), start again
	-$(CONTAINER_ENGINE) rm -f $(DOCKER_CONTAINER)
	$(CONTAINER_ENGINE) build --no-cache -t $(DOCKER_IMAGE) .
	$(MAKE) docker-run

docker-clean: ## Remove the container and the image
	-$(CONTAINER_ENGINE) rm -f $(DOCKER_CONTAINER)
	-$(CONTAINER_ENGINE) rmi $(DOCKER_IMAGE)

docker-health: ## Health status of the container, and its /health answer
	@$(CONTAINER_ENGINE) inspect --format '{{.Name}}: {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}} (no health status){{end}}' $(DOCKER_CONTAINER)
	@$(CONTAINER_ENGINE) exec $(DOCKER_CONTAINER) /usr/local/bin/cost-sim-server --probe \
	  && echo "probe: /health ok" || { echo "probe: /health failed" >&2; exit 1; }

docker-stats: ## CPU, memory and I/O of the container (one snapshot)
	$(CONTAINER_ENGINE) stats --no-stream $(DOCKER_CONTAINER)

docker-size: ## Size of the image (goal: under 100 MB)
	@$(CONTAINER_ENGINE) image inspect --format '{{.Size}}' $(DOCKER_IMAGE) | \
	  awk '{ printf "$(DOCKER_IMAGE): %.1f MB\n", $$1 / 1e6 }'

docker-smoke: compose-check ## Prove the Dockerfile with buildah, no Docker engine (root; installs buildah, debootstrap)
	@scripts/install-deps.sh docker
	scripts/docker-smoke.sh

# docker-compose.yml against the Compose schema, default and "replicas" profiles (offline: no
# engine and no image pulls; running the profile needs both, see Design/scaling.md).
compose-check: ## Validate docker-compose.yml (both profiles) with Debian's docker-compose
	@scripts/install-deps.sh docker
	docker-compose -f docker-compose.yml config -q
	docker-compose -f docker-compose.yml --profile replicas config -q

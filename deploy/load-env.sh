# Sourced by serve.sh and prepare.sh: export the variables of ENV_FILE (default .env.serve)
# that are not already set, so the caller's environment wins.
ENV_FILE=${ENV_FILE:-.env.serve}
if [ -f "$ENV_FILE" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in '' | '#'*) continue ;; esac
        key=${line%%=*}
        value=${line#*=}
        if [ -z "${!key+x}" ]; then export "$key=$value"; fi
    done <"$ENV_FILE"
fi
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-cms.settings.production}
BIN=${BIN:-.venv/bin}

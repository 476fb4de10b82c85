"""The typed settings object: YAML file + `HOTLINE_…` environment overrides.

Precedence: environment > YAML file > defaults in this schema. Nested keys use
`__` in the environment (`HOTLINE_SIP__PORT=5070`); a few everyday settings also
have short names (`HOTLINE_DATABASE_URL`, see `ENV_SHORTCUTS`).

One data directory (`storage.data_dir`, `HOTLINE_DATA_DIR`, default `./var`) is made
absolute once, when the settings are built; the relative data paths (SQLite file,
recordings, prompts, model) are resolved against it, so a command started from another
working directory never finds — or creates — a second, empty data set.

Secrets have no usable default (hotline/secret_key.py): a configured placeholder is
refused here, a missing web.secret_key is generated into the data directory by serve.
"""

from __future__ import annotations

import os
import re
import socket
from datetime import time
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

import hotline.config
from hotline.secret_rules import (  # noqa: F401 - re-exported for hotline.secret_key
    GENERATE_KEY_HINT,
    MIN_SECRET_KEY_LENGTH,
    PLACEHOLDER_SECRETS,
    SECRET_KEY_FILE,
    placeholder_problem,
    secret_origin,
    secret_problem,
    weak_secret_key,
)
from hotline.settings_section import Section as _Section
from hotline.sip_settings import (  # noqa: F401 - re-exported: settings' public names
    OutboundSettings,
    RegistrationSettings,
    SipSettings,
    TakeoverSettings,
)

# The packaged configuration files (repository folder config/, installed as hotline.config).
CONFIG_DIR = Path(hotline.config.__file__).resolve().parent
DEFAULT_CONFIG_FILE = CONFIG_DIR / "default.yaml"
DEFAULT_CATALOG_FILE = CONFIG_DIR / "bayuquan-catalog.yaml"
LOCAL_CONFIG_FILE = Path("hotline.yaml")

# Short environment names for the settings people change most.
ENV_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "HOTLINE_DATA_DIR": ("storage", "data_dir"),
    "HOTLINE_DATABASE_URL": ("storage", "database_url"),
    "HOTLINE_RECORDINGS_DIR": ("storage", "recordings_dir"),
    "HOTLINE_MODEL_PATH": ("asr", "model_path"),
    "HOTLINE_SECRET_KEY": ("web", "secret_key"),
    "HOTLINE_SIP_PORT": ("sip", "port"),
    "HOTLINE_HTTP_PORT": ("web", "port"),
}


# Settings whose values are never printed.
SECRET_KEYS = frozenset({"secret_key", "secret", "password"})


class ConfigError(Exception):
    """A setting is missing or invalid; the message names key and value."""


class DeadlineRule(_Section):
    """Overrides the default limits for one request type and/or urgency."""

    category: str | None = None
    urgency: Literal["normal", "urgent"] | None = None
    dispatch_minutes: int | None = Field(default=None, gt=0)
    close_hours: float | None = Field(default=None, gt=0)
    followup_delay_hours: float | None = Field(default=None, ge=0)


class DeadlineSettings(_Section):
    dispatch_minutes: int = Field(default=30, gt=0)
    close_hours: float = Field(default=24, gt=0)
    # "Due soon" starts when this share of the allowed time has passed.
    warn_fraction: float = Field(default=0.75, gt=0, lt=1)
    followup_delay_hours: float = Field(default=24, ge=0)
    # 未接来电回拨: call back a caller who hung up during the greeting or stayed silent.
    missed_callback_minutes: int = Field(default=30, gt=0)
    rules: list[DeadlineRule] = Field(default_factory=list)


class StorageSettings(_Section):
    # Relative data paths below (and asr.model_path) are resolved against this folder.
    data_dir: Path = Path("var")
    database_url: str = "sqlite:///hotline.db"  # a relative SQLite path lives in data_dir
    recordings_dir: Path = Path("recordings")
    prompts_dir: Path = Path("prompts")
    # Free space on the recordings volume: below min_free_mb new calls get 503 (0: no
    # check) and /healthz says "failed"; below recordings_warn_free_mb it says "degraded".
    min_free_mb: float = Field(default=200, ge=0)
    recordings_warn_free_mb: float = Field(default=2048, ge=0)
    # Database server unreachable at start: calls are still taken (journaled) and the
    # connection is retried every 1, 2, 4 … seconds, at most this far apart.
    database_retry_max_seconds: float = Field(default=30, gt=0)

    @field_validator("database_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value


class AsrDecoderSettings(_Section):
    # Kaldi search width (overrides the model's conf/model.conf); narrower = less CPU per
    # second of speech. None keeps the model's value.
    beam: float | None = Field(default=None, gt=0)
    max_active: int | None = Field(default=1000, gt=0)


class AsrSettings(_Section):
    engine: Literal["vosk", "vosk-server"] = "vosk"
    model_path: Path = Path("models/vosk-model-small-cn-0.22")
    model_name: str = "vosk-model-small-cn-0.22"
    # None: admit live streams by the measured decode speed; a number caps them (0 = none).
    max_live_streams: int | None = Field(default=None, ge=0)
    decode_threads: int = Field(default=2, ge=1)
    # Decode only speech (WebRTC VAD gate, utterance closed at each pause); off = every frame.
    vad: bool = True
    decoder: AsrDecoderSettings = Field(default_factory=AsrDecoderSettings)
    # The decoding graph of a lookahead model (graph/HCLr.fst + Gr.fst): "static" decodes on
    # it composed once into HCLG.fst by `hotline model compile-graph` (asr/static_graph.py:
    # same words, about a third of the decode CPU, ~1 GB more memory), "lookahead" composes
    # it on the fly per call; "auto" is static when graph_cache holds a graph compiled for
    # this model, else lookahead with a log line. Static without one: the engine won't start.
    graph: Literal["auto", "lookahead", "static"] = "auto"
    graph_cache: Path = Path("asr-graph")  # relative: under storage.data_dir
    # auto on the lookahead graph: how often graph_cache is looked at (a few stat calls) for
    # a graph compiled after the start, which new calls then take without a restart.
    graph_check_seconds: float = Field(default=30.0, ge=1, le=3600)
    # The switch to such a graph (probe, load, measurement: seconds of CPU) runs this much
    # nicer than decoding so the calls in progress keep the cores; 0 = same priority.
    graph_switch_nice: int = Field(default=10, ge=0, le=19)
    server_url: str | None = None  # ws://asr-host:2700 for engine vosk-server
    # At most one partial-transcript write per call this often (seconds): shorter keeps
    # the console closer behind the speech, at one ticket write per call per interval.
    partial_interval: float = Field(default=0.5, ge=0.1, le=10)
    # Correction lexicon: a heard → meant run corrected in this many tickets is proposed;
    # applied to new transcripts only once an admin approves it, unless auto-apply is on.
    lexicon_min_corrections: int = Field(default=2, ge=1)
    lexicon_auto_apply: bool = False


class WebSettings(_Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    base_url: str | None = None
    # None: generated on first `hotline serve` into <data_dir>/secret_key (hotline/secret_key.py).
    secret_key: SecretStr | None = None
    # False: unauthenticated /healthz and /metrics give status and counts only.
    health_details: bool = False
    session_minutes: int = Field(default=480, gt=0)  # idle expiry of a console session
    max_body_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    # A console session ends this long after login, however busy.
    session_max_hours: float = Field(default=12, gt=0)
    # Failed logins within login_window_minutes: per user name and client address, per
    # client address (a NAT'd office shares one), and per user name from everywhere — at
    # that ceiling the account is locked until `hotline user unlock NAME`.
    login_window_minutes: int = Field(default=15, gt=0)
    login_max_failures: int = Field(default=5, gt=0)
    login_max_failures_per_address: int = Field(default=30, gt=0)
    login_lock_failures: int = Field(default=100, gt=0)
    # API tokens: lifetime when none is asked for, and the longest allowed.
    token_default_days: int = Field(default=90, gt=0)
    token_max_days: int = Field(default=365, gt=0)
    # Open console connections, in all and from one client address (an office behind NAT
    # shares one: ~10 per browser); more are closed at once (hotline/http_listener.py).
    max_connections: int = Field(default=1024, gt=0)
    max_connections_per_source: int = Field(default=128, gt=0)
    # A connection without a complete request head this long after opening or after its
    # last answer is closed: idle sockets and slowly dripped heads (slowloris).
    idle_timeout_seconds: float = Field(default=15, gt=0, le=3600)


class FollowupSettings(_Section):
    enabled: bool = True
    trigger_state: Literal["replied", "closed"] = "closed"
    timezone: str = "Asia/Shanghai"
    window_start: time = time(8, 0)
    window_end: time = time(20, 0)
    max_attempts: int = Field(default=3, ge=1)
    retry_minutes: dict[Literal["busy", "no_answer", "failed"], int] = Field(
        default_factory=lambda: {"busy": 120, "no_answer": 120, "failed": 120}
    )
    opt_out_digit: str = Field(default="9", pattern=r"^[0-9*#]$")
    do_not_call: list[str] = Field(default_factory=list)
    spoken_answers: bool = True


class NotifySettings(_Section):
    webhook_url: str | None = None
    format: Literal["wecom", "dingtalk"] = "wecom"


class UpstreamSettings(_Section):
    url: str | None = None
    secret: SecretStr | None = None


class ClusterSettings(_Section):
    # This node's name: in /healthz, its intake journal's file name, its recordings
    # sub-folder and the owner of the jobs it runs. Default: the host name (stable across
    # restarts); set it when two nodes share a host or a data directory.
    node_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")
    # Leases on jobs a node works on (renewed); another node takes over one that ran out.
    lease_seconds: float = Field(default=60, ge=5)


class RetentionSettings(_Section):
    # Days after a ticket is finished before `hotline db purge` deletes its recording /
    # personal data (null: kept). Open tickets are never purged.
    recordings_days: int | None = Field(default=None, ge=1)
    personal_data_days: int | None = Field(default=None, ge=1)


def node_id(settings: Settings) -> str:
    """cluster.node_id, else the host name made file-name safe."""
    if settings.cluster.node_id:
        return settings.cluster.node_id
    name = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname()).strip(".-")
    return name[:63] or "node"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HOTLINE_", env_nested_delimiter="__", extra="forbid"
    )

    catalog_path: Path = DEFAULT_CATALOG_FILE
    routing_rules_path: Path = CONFIG_DIR / "routing.yaml"  # 派单建议规则
    deadlines: DeadlineSettings = Field(default_factory=DeadlineSettings)
    sip: SipSettings = Field(default_factory=SipSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    asr: AsrSettings = Field(default_factory=AsrSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    followup: FollowupSettings = Field(default_factory=FollowupSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    upstream: UpstreamSettings = Field(default_factory=UpstreamSettings)
    cluster: ClusterSettings = Field(default_factory=ClusterSettings)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)

    # Set by load_settings(); the file the values came from.
    _source_file: Path | None = None

    @model_validator(mode="after")
    def _resolve_data_paths(self) -> Settings:
        storage = self.storage
        storage.data_dir = Path(os.path.abspath(storage.data_dir.expanduser()))
        root = storage.data_dir
        storage.recordings_dir = _under(root, storage.recordings_dir)
        storage.prompts_dir = _under(root, storage.prompts_dir)
        self.asr.model_path = _under(root, self.asr.model_path)
        self.asr.graph_cache = _under(root, self.asr.graph_cache)
        storage.database_url = sqlite_url_under(root, storage.database_url)
        return self

    @field_validator(
        "deadlines",
        "sip",
        "storage",
        "asr",
        "web",
        "followup",
        "notify",
        "upstream",
        mode="before",
    )
    @classmethod
    def _empty_section(cls, value: Any) -> Any:
        # A section whose keys are all commented out reads as None: use its defaults.
        return {} if value is None else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        yaml_file = _CURRENT_FILE.get("path")
        sources: list[PydanticBaseSettingsSource] = [
            init_settings,
            _ShortcutEnvSource(settings_cls),
            env_settings,
        ]
        if yaml_file is not None:
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=yaml_file))
        return tuple(sources)


class _ShortcutEnvSource(PydanticBaseSettingsSource):
    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for env_name, path in ENV_SHORTCUTS.items():
            if env_name in os.environ:
                node = data
                for key in path[:-1]:
                    node = node.setdefault(key, {})
                node[path[-1]] = os.environ[env_name]
        return data


def _under(root: Path, path: Path) -> Path:
    path = path.expanduser()
    return path if path.is_absolute() else root / path


_SQLITE_URL = re.compile(r"^(sqlite(?:\+\w+)?:///)([^?]*)(.*)$")


def sqlite_url_under(root: Path, url: str) -> str:
    """A SQLite URL with a relative file path → the same file under `root`."""
    match = _SQLITE_URL.match(url)
    if match is None:
        return url
    prefix, path, query = match.groups()
    if path in ("", ":memory:") or path.startswith("/"):
        return url
    return f"{prefix}{root / path}{query}"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (None for a server or an in-memory database)."""
    match = _SQLITE_URL.match(url)
    if match is None or match.group(2) in ("", ":memory:"):
        return None
    return Path(match.group(2))


# pydantic-settings builds sources from the class; the file is passed through here.
_CURRENT_FILE: dict[str, Path | None] = {"path": None}


def resolve_config_file(path: str | os.PathLike[str] | None) -> Path:
    if path is not None:
        return Path(path)
    if LOCAL_CONFIG_FILE.exists():
        return LOCAL_CONFIG_FILE
    return DEFAULT_CONFIG_FILE


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load settings; raise ConfigError naming the bad key and value."""
    config_file = resolve_config_file(path)
    if not config_file.is_file():
        raise ConfigError(f"config file not found: {config_file}")
    try:
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_file}: not valid YAML: {exc}") from exc
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: the top level must be a mapping of sections")
    _CURRENT_FILE["path"] = config_file
    try:
        settings = Settings()
    except ValidationError as exc:
        raise ConfigError(_describe(exc, config_file)) from None
    finally:
        _CURRENT_FILE["path"] = None
    settings._source_file = config_file
    _check_configured_secrets(settings, config_file)
    if settings.sip.rtp_port_min >= settings.sip.rtp_port_max:
        raise ConfigError(
            f"{config_file}: sip.rtp_port_min ({settings.sip.rtp_port_min}) must be below "
            f"sip.rtp_port_max ({settings.sip.rtp_port_max})"
        )
    return settings


# Values shipped in examples and tutorials: anyone can forge sessions or signatures with them.
def _check_configured_secrets(settings: Settings, config_file: Path) -> None:
    """Refuse placeholder secrets: with a published value anyone forges cookies/signatures."""
    others = {
        "upstream.secret": settings.upstream.secret,
        "sip.registration.password": settings.sip.registration.password,
        "sip.outbound.password": settings.sip.outbound.password,
    }
    key = settings.web.secret_key
    problem = secret_problem(
        key.get_secret_value() if key is not None else None,
        {k: v.get_secret_value() if v is not None else None for k, v in others.items()},
        str(settings.storage.data_dir / SECRET_KEY_FILE),
        secret_origin(config_file),
    )
    if problem is not None:
        raise ConfigError(problem)


def _describe(exc: ValidationError, config_file: Path) -> str:
    lines = [f"invalid configuration ({config_file}, or HOTLINE_* environment):"]
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            lines.append(f"  {key}: unknown setting")
            continue
        if key.rsplit(".", 1)[-1] in SECRET_KEYS:  # never echo a secret
            lines.append(f"  {key}: invalid value: {error['msg']}")
            continue
        lines.append(f"  {key}: invalid value {error.get('input')!r}: {error['msg']}")
    return "\n".join(lines)


def masked_dump(settings: Settings) -> dict[str, Any]:
    """The effective settings as plain data, secrets shown as '********'."""
    data = settings.model_dump(mode="json")

    def mask(node: Any, model: Any) -> Any:
        if isinstance(model, SecretStr):
            return "********"
        if isinstance(model, BaseModel):
            return {k: mask(node[k], getattr(model, k)) for k in node}
        return node

    return mask(data, settings)

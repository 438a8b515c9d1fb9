"""argon2id parameters, rehash on upgrade, timing-safe unknown users, the password policy."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type

from edge_server.auth import passwords
from edge_server.auth.passwords import check_policy, hash_password, parameters_of, verify_password
from edge_server.auth.settings import AuthSettings, SecretError, load_secret


def test_hash_is_argon2id_at_or_above_owasp_minimum() -> None:
    stored = hash_password("Separador-Trifasico-7")
    assert stored.startswith("$argon2id$")
    params = parameters_of(stored)
    assert params["m"] >= passwords.OWASP_MIN_MEMORY_KIB == 19 * 1024
    assert params["t"] >= passwords.OWASP_MIN_TIME_COST == 2
    assert params["p"] == 1


def test_verify_accepts_right_rejects_wrong_and_garbage_hashes() -> None:
    stored = hash_password("Separador-Trifasico-7")
    assert verify_password(stored, "Separador-Trifasico-7") == passwords.VerifyResult(True, None)
    assert not verify_password(stored, "Separador-Trifasico-8").ok
    assert not verify_password("not-a-hash", "x").ok
    assert not verify_password(None, "anything").ok  # unknown user: dummy hash, False


def test_weaker_hash_is_rehashed_on_successful_verify() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=2, type=Type.ID)
    old = weak.hash("Separador-Trifasico-7")
    result = verify_password(old, "Separador-Trifasico-7")
    assert result.ok and result.new_hash is not None
    assert parameters_of(result.new_hash) == {"m": passwords.MEMORY_KIB, "t": 2, "p": 1}
    assert not verify_password(old, "wrong").ok


def test_unicode_forms_of_the_same_password_verify() -> None:
    composed = "Contraseña-del-Pozo-9"
    decomposed = composed.replace("ñ", "n\u0303")
    assert verify_password(hash_password(composed), decomposed).ok


@pytest.mark.parametrize(
    ("password", "username", "key"),
    [
        ("corta-1", "jperez", "password.too_short"),
        ("jperez-jperez-2026", "jperez", "password.contains_username"),
        ("JPEREZ1234567", "jperez", "password.contains_username"),
        ("Contraseña123", "jperez", "password.too_common"),
        ("administrador", "jperez", "password.too_common"),
        ("aaaaaaaaaaaaaa", "jperez", "password.single_character"),
        ("x" * 300 + "yz", "jperez", "password.too_long"),
    ],
)
def test_policy_rejects_with_keys_in_both_languages(
    password: str, username: str, key: str
) -> None:
    problems = check_policy(password, username)
    assert key in [p.key for p in problems]
    for p in problems:
        assert p.en and p.es and p.en != p.es


def test_policy_accepts_a_reasonable_passphrase() -> None:
    assert check_policy("Bomba-Sumergible-42", "jperez") == ()
    assert check_policy("caballo correcto batería grapa", "jperez") == ()


def test_secret_file_created_0600_and_reused(tmp_path: Path) -> None:
    first = AuthSettings.load(tmp_path, env={})
    key = tmp_path / "secrets" / "jwt.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert len(first.jwt_secret) == 32 and first.jwt_secret != first.apikey_secret
    assert AuthSettings.load(tmp_path, env={}).jwt_secret == first.jwt_secret


def test_secret_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "jwt.key"
    load_secret(path)
    os.chmod(path, 0o644)
    with pytest.raises(SecretError, match="chmod 600"):
        load_secret(path)


def test_secret_from_env_must_be_256_bit_hex(tmp_path: Path) -> None:
    assert load_secret(tmp_path / "x", "ab" * 32) == bytes.fromhex("ab" * 32)
    with pytest.raises(SecretError):
        load_secret(tmp_path / "x", "ab" * 16)
    with pytest.raises(SecretError):
        load_secret(tmp_path / "x", "not hex at all, but long enough to be 256 bits!!!!!!!!!!!!")
    assert not (tmp_path / "x").exists()

use crate::common::*;
use chat_emulator::Seed;
use serde_json::json;
use std::path::PathBuf;

fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let d = std::env::temp_dir().join(format!(
        "chat-emulator-{tag}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[tokio::test]
async fn state_survives_restart() {
    let dir = temp_dir("state");
    let file = dir.join("emu.json");
    let f2 = file.clone();
    let emu = start_with(move |c| {
        c.service.seed = Seed::None;
        c.state_file = Some(f2);
    })
    .await;
    emu.import(&["alice", "bob"]).await;
    assert_ok(
        &emu.call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [{"Type": 1, "To_Account": "bob"}]}),
        )
        .await,
    );
    emu.call(
        "create_contact_group",
        json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": "g", "ContactItem": [{"Type": 2, "ToGroupId": "@TGS#x"}]}]}),
    )
    .await;
    let before = emu.state("alice").await;
    emu.server.shutdown().await;
    assert!(file.exists());
    // Only the state file: the temporary one was renamed over it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["emu.json".to_owned()]);

    // The file wins over the seed.
    let f2 = file.clone();
    let emu = start_with(move |c| {
        c.service.seed = Seed::Demo;
        c.state_file = Some(f2);
    })
    .await;
    assert_eq!(emu.state("alice").await, before);
    assert_eq!(
        emu.get("/_emulator/state").await["accounts"],
        json!(["alice", "bob"])
    );
    // Group ids keep counting from the saved state.
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": "h", "ContactItem": []}]}),
        )
        .await;
    assert_eq!(r["GroupResultItem"][0]["GroupItem"]["GroupId"], 2);
    emu.server.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn corrupt_state_file_refuses_to_start() {
    let dir = temp_dir("corrupt");
    let file = dir.join("emu.json");
    std::fs::write(&file, b"{not json").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = chat_emulator::Config {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    assert!(chat_emulator::start(listener, config).await.is_err());
    // And it was left alone.
    assert_eq!(std::fs::read(&file).unwrap(), b"{not json");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_new_commands_survive_restart() {
    let dir = temp_dir("family");
    let file = dir.join("emu.json");
    let f2 = file.clone();
    let emu = start_with(move |c| c.state_file = Some(f2)).await; // demo seed
    let rename = json!({"From_Account": "alice", "UpdateType": 1,
        "UpdateGroup": {"UpdateGroupType": 1, "OldGroupName": "Team", "NewGroupName": "Crew"}});
    assert_ok(&emu.call("update_contact_group", rename).await);
    let members = json!({"From_Account": "alice", "UpdateType": 1,
        "UpdateGroup": {"UpdateGroupType": 2, "OldGroupName": "Crew",
            "ContactUpdateItem": [{"ContactOptType": 2, "ContactItem": {"Type": 1, "To_Account": "dave"}}]}});
    assert_ok(&emu.call("update_contact_group", members).await);
    let del = json!({"From_Account": "alice", "GroupName": ["Customers"]});
    assert_ok(&emu.call("del_contact_group", del).await);
    let delete = json!({"From_Account": "alice", "Type": 1, "To_Account": "bob"});
    assert_ok(&emu.call("delete", delete).await);
    let before = emu.state("alice").await;
    let list_before = emu
        .call("get_list", get_list_body("alice", [0; 4], 63))
        .await;
    emu.server.shutdown().await;

    let f2 = file.clone();
    let emu = start_with(move |c| c.state_file = Some(f2)).await;
    assert_eq!(emu.state("alice").await, before);
    assert_eq!(before["groups"], json!([{"id": 2, "name": "Crew"}]));
    let bob = before["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["userId"] == "bob")
        .unwrap();
    assert_eq!(bob["deleted"], true);
    assert_eq!(
        emu.call("get_list", get_list_body("alice", [0; 4], 63))
            .await,
        list_before
    );
    emu.server.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
